// 本人確認 (/security/reauth) before sensitive changes on the security page: the current password or, for a
// member with a passkey, one of that member's passkeys. Either marks the session as re-authenticated for
// REAUTH_WINDOW_MS; attempts of both are taken in one limiter scope (auth/limiter.ts) before they are judged.
import type { Context, Hono } from "hono";
import type { AppEnv, CurrentSession } from "../app-env";
import { accountOrDeviceScope, knownDeviceOf } from "../auth/known-device";
import { clientScope, FLOWS, type Flow, isBlocked, type LimiterScope, takeAttempt } from "../auth/limiter";
import { verifyAgainstDummy, verifyPassword } from "../auth/password";
import { recordSecurityEvent } from "../auth/security-events";
import { listPasskeys } from "../db/passkeys";
import { recordAuthentication } from "../db/recent-authentications";
import type { Member } from "../db/schema";
import type { Deps } from "../deps";
import { now } from "../deps";
import type { MessageKey } from "../i18n";
import { renderPage, translator } from "../views/layout";
import { PASSKEY_SCRIPT } from "../views/passkey";
import { ReauthView, reauthTitle } from "../views/security-reauth";
import { readForm, safeLocalPath } from "./form";
import { type MemberAssertionFailure, openMemberAssertion, verifyMemberAssertion } from "./passkey-ceremony";

/** What the member reads when a passkey is refused; the security event keeps the exact reason. */
const passkeyRefusals: Record<MemberAssertionFailure, MessageKey> = {
  challenge: "security.reauthPasskeyExpired",
  foreign: "security.reauthPasskeyForeign",
  uv: "security.reauthPasskeyNoUv",
  counter: "security.reauthPasskeyFailed",
  invalid: "security.reauthPasskeyFailed",
};

/** Where to go afterwards: a local path only (no open redirect), the security page by default. */
function reauthTarget(c: Context<AppEnv>): string {
  return safeLocalPath(c.req.query("next"), "/security");
}

async function hasPasskey(deps: Deps, memberId: string): Promise<boolean> {
  return (await listPasskeys(deps.db, memberId)).length > 0;
}

export function registerReauthRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get("/security/reauth", async (c) => renderReauthPage(c, deps, c.get("session")!));

  app.post("/security/reauth", async (c) => {
    const session = c.get("session")!;
    const password = (await readForm(c)).password ?? "";
    if (!(await checkPassword(c, deps, session.member, password, FLOWS.reauth))) {
      return renderReauthPage(c, deps, session, translator(c)("security.passwordWrong"));
    }
    await completeReauth(c, deps, session, "password");
    return c.redirect(reauthTarget(c), 303);
  });

  app.post("/security/reauth/passkey/options", async (c) => {
    const session = c.get("session")!;
    const tr = translator(c);
    if (await isBlocked(deps, reauthScopes(c, FLOWS.reauth, session.member)))
      return c.json({ error: tr("error.throttled") }, 429);
    // No passkey: empty allowCredentials would let the browser offer any passkey at all.
    if (!(await hasPasskey(deps, session.member.id)))
      return c.json({ error: tr("security.reauthPasskeyForeign") }, 400);
    return c.json({ options: await openMemberAssertion(deps, session, "reauth") });
  });

  app.post("/security/reauth/passkey/verify", async (c) => {
    const session = c.get("session")!;
    const tr = translator(c);
    const attempt = await takeAttempt(deps, reauthScopes(c, FLOWS.reauth, session.member));
    if (!attempt.allowed) {
      await recordReauthFailure(deps, session.member, c.get("ip"), "reauth-passkey-throttled");
      return c.json({ error: tr("error.throttled") }, 429);
    }
    const result = await verifyMemberAssertion(c, deps, session, "reauth");
    if (!result.ok) {
      await recordReauthFailure(deps, session.member, c.get("ip"), `reauth-passkey-${result.reason}`);
      return c.json({ error: tr(passkeyRefusals[result.reason]) }, 400);
    }
    await attempt.succeeded();
    await completeReauth(c, deps, session, "passkey");
    return c.json({ redirect: reauthTarget(c) });
  });
}

async function renderReauthPage(
  c: Context<AppEnv>,
  deps: Deps,
  session: CurrentSession,
  error: string | null = null,
): Promise<Response> {
  const tr = translator(c);
  const withPasskey = await hasPasskey(deps, session.member.id);
  const view = ReauthView({ tr, next: reauthTarget(c), withPasskey, error });
  return renderPage(c, reauthTitle(tr, withPasskey), view, {
    status: error ? 400 : 200,
    scripts: withPasskey ? [PASSKEY_SCRIPT] : [],
  });
}

/** Where a re-entry counts: this member (or their known device) and the client, per flow. */
function reauthScopes(c: Context<AppEnv>, flow: Flow, member: Member): LimiterScope[] {
  return [accountOrDeviceScope(c, flow, member), clientScope(flow, c.get("ip"))];
}

async function recordReauthFailure(deps: Deps, member: Member, ip: string | null, detail: string) {
  await recordSecurityEvent(deps, { memberId: member.id, type: "sign-in-failed", ip, detail });
}

/** Proven again: the re-auth moment for this session, earlier failures forgotten, the event recorded. */
async function completeReauth(
  c: Context<AppEnv>,
  deps: Deps,
  session: CurrentSession,
  method: "password" | "passkey",
): Promise<void> {
  await recordAuthentication(deps.db, session.id, now(deps));
  await recordSecurityEvent(deps, {
    memberId: session.member.id,
    type: "reauthenticated",
    ip: c.get("ip"),
    detail: method,
  });
}

/**
 * Password re-entry (re-auth and the password change): the attempt is taken before Argon2 runs; a throttled
 * one spends the same work on the stored hash's stand-in and fails.
 */
export async function checkPassword(
  c: Context<AppEnv>,
  deps: Deps,
  member: Member,
  password: string,
  flow: Flow,
): Promise<boolean> {
  const attempt = await takeAttempt(deps, reauthScopes(c, flow, member));
  const priority = knownDeviceOf(c, member.id) ? "known-device" : "normal";
  if (!attempt.allowed) {
    await verifyAgainstDummy(password, priority);
    await recordReauthFailure(deps, member, c.get("ip"), `${flow}-throttled`);
    return false;
  }
  if (await verifyPassword(member.password_hash, password, priority)) {
    await attempt.succeeded();
    return true;
  }
  await recordReauthFailure(deps, member, c.get("ip"), flow);
  return false;
}
