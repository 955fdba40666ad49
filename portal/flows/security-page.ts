// セキュリティ設定 (/security): list, rename and remove factors, add another, switch method, change password,
// end sessions, read the event log. Changes to factors and the method need a re-authentication (password or
// passkey, flows/security-reauth.ts) within the last 5 minutes; the last factor cannot be removed.
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { SignedInEnv } from "../app-env";
import { type AuthMethod, factorsOf, switchableMethods } from "../auth/factors";
import { requireFullSession } from "../auth/guards";
import { FLOWS } from "../auth/limiter";
import { hashPassword } from "../auth/password";
import { checkNewPassword } from "../auth/password-policy";
import { checkPassword, hasRecentAuthentication } from "../auth/reauthentication";
import { recordSecurityEvent } from "../auth/security-events";
import { endOtherSessions, rotateSession } from "../auth/session";
import { deleteFactor, renameFactor } from "../db/factors";
import { updateMember } from "../db/members";
import { recordAuthentication } from "../db/recent-authentications";
import type { Passkey, SecurityEvent, SessionRow, TotpDevice } from "../db/schema";
import { listSecurityEvents } from "../db/security-events";
import { deleteMemberSession, listMemberSessions } from "../db/sessions";
import { now } from "../deps";
import { readForm, textField } from "../form";
import { type MessageKey, t } from "../i18n";
import { methodLabel } from "../i18n/method-label";
import { changeAndMail } from "../mail/outbox";
import { queueSecurityNotice } from "../mail/security-notice";
import { renderPage, translator } from "../views/layout";
import { type EventItem, type FactorItem, SecurityPageView, type SessionItem } from "../views/security-page";

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

const tables = { passkey: "passkeys", totp: "totp_devices" } as const;

const factorItem = (row: Passkey | TotpDevice): FactorItem => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

const sessionItem = (row: SessionRow, currentId: string): SessionItem => ({
  id: row.id,
  startedAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  userAgent: row.user_agent,
  ip: row.ip,
  current: row.id === currentId,
});

const eventItem = (row: SecurityEvent): EventItem => ({
  id: row.id,
  type: row.type,
  at: row.created_at,
  ip: row.ip,
});

async function renderSecurityPage(
  c: Context<SignedInEnv>,
  state: { passwordError?: string } = {},
): Promise<Response> {
  const deps = c.var.deps;
  const tr = translator(c);
  const locale = c.var.locale;
  const session = c.var.session;
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
    passkeys: factors.passkeys.map(factorItem),
    totpDevices: factors.totpDevices.map(factorItem),
    sessions: (await listMemberSessions(deps.db, member.id)).map((row) => sessionItem(row, session.id)),
    events: (await listSecurityEvents(deps.db, member.id, 30)).map(eventItem),
  });
  return renderPage(c, tr("security.title"), view, { status: state.passwordError ? 400 : 200 });
}

/** Factor and method changes: only within REAUTH_WINDOW_MS of a sign-in or 本人確認. */
const requireRecentAuthentication = createMiddleware<SignedInEnv>(async (c, next) => {
  if (!(await hasRecentAuthentication(c.var.deps, c.var.session)))
    return c.redirect("/security/reauth?next=%2Fsecurity", 303);
  await next();
});

/** Other sessions of the member ended: "all", "one" or by a password change. */
function recordSessionsEnded(c: Context<SignedInEnv>, detail: string): Promise<void> {
  const memberId = c.var.session.member.id;
  return recordSecurityEvent(c.var.deps, { memberId, type: "sessions-ended", ip: c.var.ip, detail });
}

/** Mounted at /security. */
export function securityPageRoutes(): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.use("*", requireFullSession());

  app.get("/", (c) => renderSecurityPage(c));

  app.post("/factors/:kind/:id/:action", requireRecentAuthentication, async (c) => {
    const deps = c.var.deps;
    const { kind, id, action } = c.req.param();
    if ((kind !== "passkey" && kind !== "totp") || (action !== "rename" && action !== "remove"))
      return c.notFound();
    const member = c.var.session.member;
    const ip = c.var.ip;
    const factors = await factorsOf(deps, member.id);
    const list = kind === "passkey" ? factors.passkeys : factors.totpDevices;
    const factor = list.find((f) => f.id === id);
    if (!factor) return c.notFound();
    const recordFactorEvent = (type: "factor-renamed" | "factor-removed", name: string) =>
      recordSecurityEvent(deps, { memberId: member.id, type, ip, detail: `${kind}:${name}` });

    if (action === "rename") {
      const name = textField(await readForm(c), "name", 100);
      if (name.problem) return c.redirect("/security?error=name", 303);
      await renameFactor(deps.db, tables[kind], { memberId: member.id, id }, name.value);
      await recordFactorEvent("factor-renamed", name.value);
      return c.redirect("/security?done=saved", 303);
    }

    const remaining = factors.passkeys.length + factors.totpDevices.length - 1;
    if (remaining === 0 && member.auth_method !== "mail")
      return c.redirect("/security?error=last-factor", 303);
    await changeAndMail(deps, async (trx, queue) => {
      // Of two racing removals only one deletes the row, and only it sends the notice.
      if (!(await deleteFactor(trx, tables[kind], { memberId: member.id, id }))) return;
      await queueSecurityNotice(deps, queue, member, (locale) =>
        t(locale, "notice.factorRemoved", { name: factor.name }),
      );
    });
    // If the chosen method has no factor left, fall back to one that still has.
    const left = await factorsOf(deps, member.id);
    const stillUsable = switchableMethods(member, left);
    if (member.auth_method && !stillUsable.includes(member.auth_method) && stillUsable[0]) {
      await updateMember(deps.db, member.id, { auth_method: stillUsable[0], updated_at: now(deps) });
    }
    await recordFactorEvent("factor-removed", factor.name);
    return c.redirect("/security?done=removed", 303);
  });

  app.post("/method", requireRecentAuthentication, async (c) => {
    const deps = c.var.deps;
    const member = c.var.session.member;
    const method = (await readForm(c)).method as AuthMethod;
    if (!switchableMethods(member, await factorsOf(deps, member.id)).includes(method))
      return c.redirect("/security", 303);
    if (method !== member.auth_method) {
      await changeAndMail(deps, async (trx, queue) => {
        await updateMember(trx, member.id, { auth_method: method, updated_at: now(deps) });
        await queueSecurityNotice(deps, queue, member, (locale) =>
          t(locale, "notice.methodChanged", { method: methodLabel(locale, method) }),
        );
      });
      await recordSecurityEvent(deps, {
        memberId: member.id,
        type: "method-changed",
        ip: c.var.ip,
        detail: method,
      });
    }
    return c.redirect("/security?done=saved", 303);
  });

  app.post("/password", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const member = c.var.session.member;
    const ip = c.var.ip;
    const form = await readForm(c);
    if (!(await checkPassword(c, member, form.current_password ?? "", FLOWS.passwordChange))) {
      return renderSecurityPage(c, { passwordError: tr("security.passwordWrong") });
    }
    const password = form.new_password ?? "";
    const problem =
      checkNewPassword({ password, confirmation: form.confirm_password ?? "", userId: member.user_id }) ??
      (password === form.current_password ? "password.sameAsCurrent" : null);
    if (problem) return renderSecurityPage(c, { passwordError: tr(problem) });
    const passwordHash = await hashPassword(password);
    await changeAndMail(deps, async (trx, queue) => {
      await updateMember(trx, member.id, {
        password_hash: passwordHash,
        password_is_initial: 0,
        password_changed_at: now(deps),
        updated_at: now(deps),
      });
      await queueSecurityNotice(deps, queue, member, (locale) => t(locale, "notice.passwordChanged"));
    });
    // A new password gets a new session token (the old one may have been seen with the old password).
    const current = await rotateSession(c, { level: "full" });
    await recordAuthentication(deps.db, current.id, now(deps));
    await recordSecurityEvent(deps, {
      memberId: member.id,
      type: "password-changed",
      ip,
      detail: "security-page",
    });
    if (form.sign_out_others === "on") {
      await endOtherSessions(deps, member.id, current.id);
      await recordSessionsEnded(c, "password-change");
    }
    return c.redirect("/security?done=password", 303);
  });

  app.post("/sessions/end-others", async (c) => {
    const session = c.var.session;
    await endOtherSessions(c.var.deps, session.member.id, session.id);
    await recordSessionsEnded(c, "all");
    return c.redirect("/security?done=signed-out", 303);
  });

  app.post("/sessions/:id/end", async (c) => {
    const session = c.var.session;
    const id = c.req.param("id");
    if (id !== session.id) {
      await deleteMemberSession(c.var.deps.db, session.member.id, id);
      await recordSessionsEnded(c, "one");
    }
    return c.redirect("/security?done=signed-out", 303);
  });
  return app;
}
