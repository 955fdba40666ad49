// Passwordless sign-in from the sign-in page: a discoverable passkey (button or autofill) signs the member
// in fully without ID and password. Before sign-in there is no session, so the challenge is bound to a
// short-lived random cookie instead.
import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { rememberDevice } from "../auth/known-device";
import { clientScope, FLOWS, type LimitRule, takeAttempt } from "../auth/limiter";
import { authenticationOptions, CHALLENGE_TTL_MS, relyingPartyFor } from "../auth/passkey";
import {
  type AssertionResponse,
  acceptAssertion,
  claimCeremony,
  isUserHandleOf,
  openCeremony,
} from "../auth/passkey-ceremony";
import { recordSecurityEvent } from "../auth/security-events";
import { startSession } from "../auth/session";
import { hashToken, isWellFormedToken, randomToken } from "../auth/tokens";
import { findMemberById } from "../db/members";
import { findPasskeyByCredentialId } from "../db/passkeys";
import { recordAuthentication } from "../db/recent-authentications";
import type { Deps } from "../deps";
import { now } from "../deps";
import { translator } from "../views/layout";

const BINDING_COOKIE = "kosmo_webauthn";

/**
 * Options need no sign-in and each call stores a challenge row for 5 minutes. The throttle counts every call
 * per client address (not only failures): 60 within a challenge's lifetime, then a growing wait, so an
 * anonymous client cannot fill the table (dropping the binding cookie does not help).
 */
const optionsRule: LimitRule = {
  freeFailures: 60,
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  resetAfterMs: CHALLENGE_TTL_MS,
};

function bindingCookieName(deps: Deps): string {
  return deps.config.secureCookies ? `__Host-${BINDING_COOKIE}` : BINDING_COOKIE;
}

/** The pre-sign-in binding: reuse this browser's cookie, or set a new one for 5 minutes. */
function bindingOf(c: Context<AppEnv>, create: boolean): string | null {
  const deps = c.var.deps;
  let token = getCookie(c, bindingCookieName(deps));
  if (!isWellFormedToken(token)) {
    if (!create) return null;
    token = randomToken();
    setCookie(c, bindingCookieName(deps), token, {
      path: "/",
      httpOnly: true,
      sameSite: "Strict",
      secure: deps.config.secureCookies,
      maxAge: CHALLENGE_TTL_MS / 1000,
    });
  }
  return `pre:${hashToken(token)}`;
}

/** Mounted at /passkey/passwordless. */
export function passwordlessRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/options", async (c) => {
    const deps = c.var.deps;
    const attempt = await takeAttempt(deps, [clientScope(FLOWS.passwordlessOptions, c.var.ip, optionsRule)]);
    if (!attempt.allowed) return c.json({ error: translator(c)("error.throttled") }, 429);
    const challenge = await openCeremony(deps, bindingOf(c, true)!, "passwordless");
    const options = await authenticationOptions({ rp: relyingPartyFor(deps.config.portalOrigin), challenge });
    return c.json({ options });
  });

  app.post("/verify", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const ip = c.var.ip;
    const refuse = async (status: 400 | 429, memberId?: string) => {
      if (memberId) {
        await recordSecurityEvent(deps, {
          memberId,
          type: "sign-in-failed",
          ip,
          detail: "passkey-passwordless",
        });
      }
      return c.json({ error: tr(status === 429 ? "error.throttled" : "passkey.failed") }, status);
    };
    const attempt = await takeAttempt(deps, [clientScope(FLOWS.passkey, ip)]);
    if (!attempt.allowed) return refuse(429);
    const binding = bindingOf(c, false);
    const ceremony = binding ? await claimCeremony<AssertionResponse>(c, binding, "passwordless") : null;
    if (!ceremony) return refuse(400);
    const passkey = await findPasskeyByCredentialId(deps.db, String(ceremony.response.id));
    if (!passkey) return refuse(400);
    // The authenticator returns the user handle it was registered with; it must be this member's.
    const handle = ceremony.response.response.userHandle;
    if (handle && !isUserHandleOf(passkey, handle)) return refuse(400, passkey.member_id);
    if (!(await acceptAssertion(deps, passkey, ceremony)).ok) return refuse(400, passkey.member_id);
    const member = await findMemberById(deps.db, passkey.member_id);
    if (!member || member.first_login_completed_at === null) return refuse(400, passkey.member_id);

    await attempt.succeeded();
    await startSession(c, member.id, { level: "full", remember: false });
    rememberDevice(c, member.id);
    const session = c.var.session;
    if (session) await recordAuthentication(deps.db, session.id, now(deps));
    await recordSecurityEvent(deps, {
      memberId: member.id,
      type: "sign-in",
      ip,
      detail: "passkey-passwordless",
    });
    return c.json({ redirect: "/" });
  });
  return app;
}
