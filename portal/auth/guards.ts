// Route guards: each lets a request through only at the sign-in stage its pages belong to, and types
// `c.var.session` as present for the routes behind it (SignedInEnv), so no route needs a `!`.
import { createMiddleware } from "hono/factory";
import type { CurrentSession, SignedInEnv } from "../app-env";
import { pendingPathFor } from "./session";

/** The session as loaded by auth/session.ts — possibly none, whatever the guarded routes' type says. */
const loadedSession = (c: { get(key: "session"): CurrentSession }): CurrentSession | null =>
  c.get("session") ?? null;

/**
 * The top page, the service pages and the security page: the member passed both factors; otherwise back to
 * where the sign-in stands.
 */
export function requireFullSession() {
  return createMiddleware<SignedInEnv>(async (c, next) => {
    const session = loadedSession(c);
    if (!session) return c.redirect("/login", 303);
    if (session.level !== "full") return c.redirect(pendingPathFor(session), 303);
    await next();
  });
}

/** The second-factor pages: a password-level session of a member whose first login is complete. */
export function requireSecondFactorPending() {
  return createMiddleware<SignedInEnv>(async (c, next) => {
    const session = loadedSession(c);
    if (!session) return c.redirect("/login", 303);
    if (session.level === "full") return c.redirect("/", 303);
    if (session.member.first_login_completed_at === null) return c.redirect(pendingPathFor(session), 303);
    await next();
  });
}
