// Manual 2-1 / 2-2: register a passkey, then name it (”パスキー”, 次へ). At the set-up sign-in it is the first
// factor and completes the sign-in; from the security page it adds another passkey.
import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import type { AppEnv, CurrentSession } from "../app-env";
import { factorsOf, mayEnrollAtSignIn } from "../auth/factors";
import { registrationOptions, relyingPartyFor, storedPasskeyOf, verifyRegistration } from "../auth/passkey";
import { claimCeremony, openCeremony, sessionBinding, userHandleOf } from "../auth/passkey-ceremony";
import { hasRecentAuthentication } from "../auth/reauthentication";
import { completeSignIn } from "../auth/second-factor";
import { recordSecurityEvent } from "../auth/security-events";
import { renameFactor } from "../db/factors";
import { insertPasskey, listPasskeys } from "../db/passkeys";
import { now } from "../deps";
import { readForm, textField } from "../form";
import { type Locale, t } from "../i18n";
import { changeAndMail } from "../mail/outbox";
import { queueSecurityNotice } from "../mail/security-notice";
import { deviceLabel } from "../views/device-label";
import { renderPage, translator } from "../views/layout";
import { PASSKEY_SCRIPT, PasskeyNameView, PasskeySetupView } from "../views/passkey";

type Mode = "sign-in" | "add";

/** Who may register now: the set-up sign-in (no factor yet) or a recently re-authenticated full session. */
async function registrationMode(c: Context<AppEnv>): Promise<{ mode: Mode; session: CurrentSession } | null> {
  const deps = c.var.deps;
  const session = c.var.session;
  if (!session) return null;
  if (session.level === "full")
    return (await hasRecentAuthentication(deps, session)) ? { mode: "add", session } : null;
  const factors = await factorsOf(deps, session.member.id);
  return mayEnrollAtSignIn(session, "passkey", factors) ? { mode: "sign-in", session } : null;
}

export function passkeySetupRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/login/passkey-setup", async (c) => {
    const allowed = await registrationMode(c);
    if (allowed?.mode !== "sign-in")
      return c.redirect(c.var.session ? "/login/second-factor" : "/login", 303);
    const tr = translator(c);
    const view = PasskeySetupView({ tr, base: "/passkey/register", back: { logout: true } });
    return renderPage(c, tr("passkey.setupTitle"), view, { scripts: [PASSKEY_SCRIPT] });
  });

  app.get("/security/passkeys/new", async (c) => {
    const allowed = await registrationMode(c);
    if (allowed?.mode !== "add") return c.redirect("/security/reauth?next=%2Fsecurity%2Fpasskeys%2Fnew", 303);
    const tr = translator(c);
    const view = PasskeySetupView({ tr, base: "/passkey/register", back: { href: "/security" } });
    return renderPage(c, tr("passkey.setupTitle"), view, { scripts: [PASSKEY_SCRIPT] });
  });

  app.post("/passkey/register/options", async (c) => {
    const allowed = await registrationMode(c);
    if (!allowed) return c.json({ error: translator(c)("passkey.failed") }, 403);
    const deps = c.var.deps;
    const { session } = allowed;
    const challenge = await openCeremony(deps, sessionBinding(session.id), "register");
    const existing = await listPasskeys(deps.db, session.member.id);
    const options = await registrationOptions({
      rp: relyingPartyFor(deps.config.portalOrigin),
      userName: session.member.user_id,
      displayName: session.member.name,
      userHandle: userHandleOf(deps, session.member.id, existing),
      existing: existing.map(storedPasskeyOf),
      challenge,
    });
    return c.json({ options });
  });

  app.post("/passkey/register/verify", async (c) => {
    const tr = translator(c);
    const allowed = await registrationMode(c);
    if (!allowed) return c.json({ error: tr("passkey.failed") }, 403);
    const deps = c.var.deps;
    const { mode, session } = allowed;
    const member = session.member;
    const ceremony = await claimCeremony<Parameters<typeof verifyRegistration>[0]["response"]>(
      c,
      sessionBinding(session.id),
      "register",
    );
    const result = ceremony
      ? await verifyRegistration({
          rp: relyingPartyFor(deps.config.portalOrigin),
          response: ceremony.response,
          expectedChallenge: ceremony.challenge,
        })
      : ({ ok: false } as const);
    if (!result.ok) return c.json({ error: tr("passkey.failed") }, 400);

    const id = randomUUID();
    const device = deviceLabel(c.req.header("user-agent") ?? "");
    const name = device ? `${tr("passkey.defaultName")} (${device})` : tr("passkey.defaultName");
    const notice = (locale: Locale) =>
      t(locale, "notice.factorAdded", {
        name: device ? `${t(locale, "passkey.defaultName")} (${device})` : t(locale, "passkey.defaultName"),
      });
    const userHandle = userHandleOf(deps, member.id, await listPasskeys(deps.db, member.id));
    await changeAndMail(deps, async (trx, queue) => {
      await insertPasskey(trx, {
        id,
        member_id: member.id,
        name,
        credential_id: result.passkey.credentialId,
        public_key: Buffer.from(result.passkey.publicKey).toString("base64url"),
        counter: result.passkey.counter,
        transports: result.passkey.transports.join(","),
        user_handle: userHandle,
        backed_up: result.passkey.backedUp ? 1 : 0,
        created_at: now(deps),
        last_used_at: now(deps),
      });
      await queueSecurityNotice(deps, queue, member, notice);
    });
    if (mode === "sign-in") await completeSignIn(c, "passkey-enrolled");
    await recordSecurityEvent(deps, {
      memberId: member.id,
      type: "factor-added",
      ip: c.var.ip,
      detail: `passkey:${name}`,
    });
    return c.json({ redirect: `/passkey/name/${id}${mode === "add" ? "?from=security" : ""}` });
  });

  // 【6】【7】 name the passkey just registered, then 次へ.
  app.get("/passkey/name/:id", async (c) => {
    const passkey = await ownPasskey(c);
    if (!passkey) return c.redirect("/", 303);
    const tr = translator(c);
    const action = `/passkey/name/${passkey.id}${c.req.query("from") === "security" ? "?from=security" : ""}`;
    return renderPage(c, tr("passkey.nameTitle"), PasskeyNameView({ tr, action, value: passkey.name }));
  });

  app.post("/passkey/name/:id", async (c) => {
    const passkey = await ownPasskey(c);
    if (!passkey) return c.redirect("/", 303);
    const tr = translator(c);
    const name = textField(await readForm(c), "name", 100);
    const fromSecurity = c.req.query("from") === "security";
    if (name.problem) {
      const action = `/passkey/name/${passkey.id}${fromSecurity ? "?from=security" : ""}`;
      const view = PasskeyNameView({ tr, action, value: name.value, error: tr("security.nameInvalid") });
      return renderPage(c, tr("passkey.nameTitle"), view, { status: 400 });
    }
    await renameFactor(
      c.var.deps.db,
      "passkeys",
      { memberId: passkey.member_id, id: passkey.id },
      name.value,
    );
    return c.redirect(fromSecurity ? "/security?done=added" : "/", 303);
  });
  return app;
}

/** A passkey of the signed-in (full) member, named within 10 minutes of its registration. */
async function ownPasskey(c: Context<AppEnv>) {
  const deps = c.var.deps;
  const session = c.var.session;
  if (session?.level !== "full") return null;
  const passkeys = await listPasskeys(deps.db, session.member.id);
  const passkey = passkeys.find((p) => p.id === c.req.param("id"));
  return passkey && now(deps) - Number(passkey.created_at) < 10 * 60_000 ? passkey : null;
}
