// 本人確認 (/security/reauth) before sensitive changes on the security page: the current password or, for a
// member with a passkey, one of that member's passkeys. Either marks the session as re-authenticated for
// REAUTH_WINDOW_MS; attempts of both are taken in the limiter before they are judged (auth/reauthentication.ts).
import { type Context, Hono } from "hono";
import type { SignedInEnv } from "../app-env";
import { hasPasskey } from "../auth/factors";
import { requireFullSession } from "../auth/guards";
import { FLOWS, isBlocked, takeAttempt } from "../auth/limiter";
import {
  type MemberAssertionFailure,
  openMemberAssertion,
  verifyMemberAssertion,
} from "../auth/passkey-ceremony";
import { checkPassword, completeReauth, reauthScopes, recordReauthFailure } from "../auth/reauthentication";
import { readForm, safeLocalPath } from "../form";
import type { MessageKey } from "../i18n";
import { renderPage, translator } from "../views/layout";
import { PASSKEY_SCRIPT } from "../views/passkey";
import { ReauthView, reauthTitle } from "../views/security-reauth";

/** What the member reads when a passkey is refused; the security event keeps the exact reason. */
const passkeyRefusals: Record<MemberAssertionFailure, MessageKey> = {
  challenge: "security.reauthPasskeyExpired",
  foreign: "security.reauthPasskeyForeign",
  uv: "security.reauthPasskeyNoUv",
  counter: "security.reauthPasskeyFailed",
  invalid: "security.reauthPasskeyFailed",
};

/** Where to go afterwards: a local path only (no open redirect), the security page by default. */
function reauthTarget(c: Context<SignedInEnv>): string {
  return safeLocalPath(c.req.query("next"), "/security");
}

/** Mounted at /security/reauth. */
export function securityReauthRoutes(): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.use("*", requireFullSession());

  app.get("/", (c) => renderReauthPage(c));

  app.post("/", async (c) => {
    const session = c.var.session;
    const password = (await readForm(c)).password ?? "";
    if (!(await checkPassword(c, session.member, password, FLOWS.reauth))) {
      return renderReauthPage(c, translator(c)("security.passwordWrong"));
    }
    await completeReauth(c, session, "password");
    return c.redirect(reauthTarget(c), 303);
  });

  app.post("/passkey/options", async (c) => {
    const deps = c.var.deps;
    const session = c.var.session;
    const tr = translator(c);
    if (await isBlocked(deps, reauthScopes(c, FLOWS.reauth, session.member)))
      return c.json({ error: tr("error.throttled") }, 429);
    // No passkey: empty allowCredentials would let the browser offer any passkey at all.
    if (!(await hasPasskey(deps, session.member.id)))
      return c.json({ error: tr("security.reauthPasskeyForeign") }, 400);
    return c.json({ options: await openMemberAssertion(deps, session, "reauth") });
  });

  app.post("/passkey/verify", async (c) => {
    const deps = c.var.deps;
    const session = c.var.session;
    const tr = translator(c);
    const attempt = await takeAttempt(deps, reauthScopes(c, FLOWS.reauth, session.member));
    if (!attempt.allowed) {
      await recordReauthFailure(deps, session.member, c.var.ip, "reauth-passkey-throttled");
      return c.json({ error: tr("error.throttled") }, 429);
    }
    const result = await verifyMemberAssertion(c, session, "reauth");
    if (!result.ok) {
      await recordReauthFailure(deps, session.member, c.var.ip, `reauth-passkey-${result.reason}`);
      return c.json({ error: tr(passkeyRefusals[result.reason]) }, 400);
    }
    await attempt.succeeded();
    await completeReauth(c, session, "passkey");
    return c.json({ redirect: reauthTarget(c) });
  });
  return app;
}

async function renderReauthPage(c: Context<SignedInEnv>, error: string | null = null): Promise<Response> {
  const tr = translator(c);
  const withPasskey = await hasPasskey(c.var.deps, c.var.session.member.id);
  const view = ReauthView({ tr, next: reauthTarget(c), withPasskey, error });
  return renderPage(c, reauthTitle(tr, withPasskey), view, {
    status: error ? 400 : 200,
    scripts: withPasskey ? [PASSKEY_SCRIPT] : [],
  });
}
