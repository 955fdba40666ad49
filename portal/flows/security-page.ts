// セキュリティ設定 (/security): list, rename and remove factors, add another, switch method, change password,
// end sessions, read the event log. Changes to factors and the method need a re-authentication (password or
// passkey, security-reauth.ts) within the last 5 minutes; the last factor cannot be removed.
import type { Context, Hono } from "hono";
import type { AppEnv, CurrentSession } from "../app-env";
import { FLOWS } from "../auth/limiter";
import { hashPassword } from "../auth/password";
import { checkNewPassword } from "../auth/password-policy";
import { listSecurityEvents, recordSecurityEvent } from "../auth/security-events";
import { endOtherSessions, listSessions, requireFullSession, rotateSession } from "../auth/session";
import { updateMember } from "../db/members";
import { deletePasskey, renamePasskey } from "../db/passkeys";
import { recordAuthentication } from "../db/recent-authentications";
import type { AuthMethod, Member } from "../db/schema";
import { deleteMemberSession } from "../db/sessions";
import { deleteTotpDevice, renameTotpDevice } from "../db/totp-devices";
import type { Deps } from "../deps";
import { now } from "../deps";
import { type MessageKey, t } from "../i18n";
import { sendSecurityNotice } from "../mail/security-notice";
import { renderPage, translator } from "../views/layout";
import { SecurityPageView } from "../views/security-page";
import { readForm, textField } from "./form";
import { type Factors, factorsOf, hasRecentAuthentication, methodLabel } from "./second-factor-common";
import { checkPassword, registerReauthRoutes } from "./security-reauth";

const doneMessages: Record<string, MessageKey> = {
  added: "security.added",
  saved: "security.saved",
  removed: "security.removed",
  password: "security.passwordChanged",
  "signed-out": "security.signedOutOthers",
};
const errorMessages: Record<string, MessageKey> = {
  "last-factor": "security.lastFactor",
  name: "security.nameInvalid",
};

/** Methods the member can switch to: those already set up (mail needs a confirmed address). */
function switchableMethods(member: Member, factors: Factors): AuthMethod[] {
  const methods: AuthMethod[] = [];
  if (factors.passkeys.length > 0) methods.push("passkey");
  if (factors.totpDevices.length > 0) methods.push("totp");
  if (member.email && member.email_verified_at !== null) methods.push("mail");
  return methods;
}

async function renderSecurityPage(
  c: Context<AppEnv>,
  deps: Deps,
  session: CurrentSession,
  state: { passwordError?: string } = {},
): Promise<Response> {
  const tr = translator(c);
  const locale = c.get("locale");
  const member = session.member;
  const factors = await factorsOf(deps, member.id);
  const done = doneMessages[c.req.query("done") ?? ""];
  const error = errorMessages[c.req.query("error") ?? ""];
  const view = SecurityPageView({
    tr,
    locale,
    info: done ? tr(done) : null,
    error: error ? tr(error) : null,
    passwordError: state.passwordError ?? null,
    method: member.auth_method,
    methodLabels: {
      passkey: methodLabel(locale, "passkey"),
      totp: methodLabel(locale, "totp"),
      mail: methodLabel(locale, "mail"),
    },
    switchable: switchableMethods(member, factors),
    email: member.email,
    userId: member.user_id,
    passkeys: factors.passkeys,
    totpDevices: factors.totpDevices,
    sessions: await listSessions(deps, member.id),
    currentSessionId: session.id,
    events: await listSecurityEvents(deps, member.id, 30),
  });
  return renderPage(c, tr("security.title"), view, { status: state.passwordError ? 400 : 200 });
}

export function registerSecurityPageRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.use("/security", requireFullSession());
  app.use("/security/*", requireFullSession());

  app.get("/security", (c) => renderSecurityPage(c, deps, c.get("session")!));

  registerReauthRoutes(app, deps); // /security/reauth (password, passkey)

  app.post("/security/factors/:kind/:id/:action", async (c) => {
    const session = c.get("session")!;
    if (!(await hasRecentAuthentication(deps, session)))
      return c.redirect("/security/reauth?next=%2Fsecurity", 303);
    const { kind, id, action } = c.req.param();
    if ((kind !== "passkey" && kind !== "totp") || (action !== "rename" && action !== "remove"))
      return c.notFound();
    const member = session.member;
    const ip = c.get("ip");
    const factors = await factorsOf(deps, member.id);
    const list = kind === "passkey" ? factors.passkeys : factors.totpDevices;
    const factor = list.find((f) => f.id === id);
    if (!factor) return c.notFound();

    if (action === "rename") {
      const name = textField(await readForm(c), "name", 100);
      if (name.problem) return c.redirect("/security?error=name", 303);
      await (kind === "passkey" ? renamePasskey : renameTotpDevice)(deps.db, member.id, id, name.value);
      await recordSecurityEvent(deps, {
        memberId: member.id,
        type: "factor-renamed",
        ip,
        detail: `${kind}:${name.value}`,
      });
      return c.redirect("/security?done=saved", 303);
    }

    const remaining = factors.passkeys.length + factors.totpDevices.length - 1;
    if (remaining === 0 && member.auth_method !== "mail")
      return c.redirect("/security?error=last-factor", 303);
    await (kind === "passkey" ? deletePasskey : deleteTotpDevice)(deps.db, member.id, id);
    // If the chosen method has no factor left, fall back to one that still has.
    const left = await factorsOf(deps, member.id);
    const stillUsable = switchableMethods(member, left);
    if (member.auth_method && !stillUsable.includes(member.auth_method) && stillUsable[0]) {
      await updateMember(deps.db, member.id, { auth_method: stillUsable[0], updated_at: now(deps) });
    }
    await recordSecurityEvent(deps, {
      memberId: member.id,
      type: "factor-removed",
      ip,
      detail: `${kind}:${factor.name}`,
    });
    await sendSecurityNotice(deps, member, (locale) =>
      t(locale, "notice.factorRemoved", { name: factor.name }),
    );
    return c.redirect("/security?done=removed", 303);
  });

  app.post("/security/method", async (c) => {
    const session = c.get("session")!;
    if (!(await hasRecentAuthentication(deps, session)))
      return c.redirect("/security/reauth?next=%2Fsecurity", 303);
    const member = session.member;
    const method = (await readForm(c)).method as AuthMethod;
    if (!switchableMethods(member, await factorsOf(deps, member.id)).includes(method))
      return c.redirect("/security", 303);
    if (method !== member.auth_method) {
      await updateMember(deps.db, member.id, { auth_method: method, updated_at: now(deps) });
      await recordSecurityEvent(deps, {
        memberId: member.id,
        type: "method-changed",
        ip: c.get("ip"),
        detail: method,
      });
      await sendSecurityNotice(deps, member, (locale) =>
        t(locale, "notice.methodChanged", { method: methodLabel(locale, method) }),
      );
    }
    return c.redirect("/security?done=saved", 303);
  });

  app.post("/security/password", async (c) => {
    const session = c.get("session")!;
    const tr = translator(c);
    const member = session.member;
    const ip = c.get("ip");
    const form = await readForm(c);
    if (!(await checkPassword(c, deps, member, form.current_password ?? "", FLOWS.passwordChange))) {
      return renderSecurityPage(c, deps, session, { passwordError: tr("security.passwordWrong") });
    }
    const password = form.new_password ?? "";
    const problem =
      checkNewPassword({ password, confirmation: form.confirm_password ?? "", userId: member.user_id }) ??
      (password === form.current_password ? "password.sameAsCurrent" : null);
    if (problem) return renderSecurityPage(c, deps, session, { passwordError: tr(problem) });
    await updateMember(deps.db, member.id, {
      password_hash: await hashPassword(password),
      password_is_initial: 0,
      password_changed_at: now(deps),
      updated_at: now(deps),
    });
    // A new password gets a new session token (the old one may have been seen with the old password).
    await rotateSession(c, deps, { level: "full" });
    const current = c.get("session")!;
    await recordAuthentication(deps.db, current.id, now(deps));
    await recordSecurityEvent(deps, {
      memberId: member.id,
      type: "password-changed",
      ip,
      detail: "security-page",
    });
    await sendSecurityNotice(deps, member, (locale) => t(locale, "notice.passwordChanged"));
    if (form.sign_out_others === "on") {
      await endOtherSessions(deps, member.id, current.id);
      await recordSecurityEvent(deps, {
        memberId: member.id,
        type: "sessions-ended",
        ip,
        detail: "password-change",
      });
    }
    return c.redirect("/security?done=password", 303);
  });

  app.post("/security/sessions/end-others", async (c) => {
    const session = c.get("session")!;
    await endOtherSessions(deps, session.member.id, session.id);
    await recordSecurityEvent(deps, {
      memberId: session.member.id,
      type: "sessions-ended",
      ip: c.get("ip"),
      detail: "all",
    });
    return c.redirect("/security?done=signed-out", 303);
  });

  app.post("/security/sessions/:id/end", async (c) => {
    const session = c.get("session")!;
    const id = c.req.param("id");
    if (id !== session.id) {
      await deleteMemberSession(deps.db, session.member.id, id);
      await recordSecurityEvent(deps, {
        memberId: session.member.id,
        type: "sessions-ended",
        ip: c.get("ip"),
        detail: "one",
      });
    }
    return c.redirect("/security?done=signed-out", 303);
  });
}
