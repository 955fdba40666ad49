// 本人確認 before sensitive changes: the current password or one of the member's passkeys, remembered for
// REAUTH_WINDOW_MS. Failures count in the account's password throttle, as wrong sign-in passwords do, so
// re-authentication is no way around it.
import type { Context } from "hono";
import type { AppEnv, CurrentSession } from "../app-env";
import { lastAuthenticationAt, recordAuthentication } from "../db/recent-authentications";
import type { Member } from "../db/schema";
import type { Deps } from "../deps";
import { now } from "../deps";
import { verifyPassword } from "./password";
import { recordSecurityEvent, type SecurityEventType } from "./security-events";
import { accountKey, checkThrottle, clearFailures, recordFailure } from "./throttle";
import { PASSWORD_SCOPE } from "./throttle-scopes";

export const REAUTH_WINDOW_MS = 5 * 60_000;

/** A signed-in member who re-entered the password (or signed in) within the last 5 minutes. */
export async function hasRecentAuthentication(deps: Deps, session: CurrentSession | null): Promise<boolean> {
  if (session?.level !== "full") return false;
  const at = await lastAuthenticationAt(deps.db, session.id);
  return at !== null && now(deps) - at < REAUTH_WINDOW_MS;
}

/** The same throttle as the sign-in password (scope and account key). */
export async function reauthAllowed(deps: Deps, member: Member): Promise<boolean> {
  return (await checkThrottle(deps, PASSWORD_SCOPE, accountKey(member.user_id))).allowed;
}

export async function recordReauthFailure(deps: Deps, member: Member, ip: string | null, detail: string) {
  await recordFailure(deps, PASSWORD_SCOPE, accountKey(member.user_id));
  await recordSecurityEvent(deps, { memberId: member.id, type: "sign-in-failed", ip, detail });
}

/**
 * The member proved who they are in this session (sign-in or 本人確認): the moment remembered for the re-auth
 * window, earlier failures of `scope` forgotten, the event recorded.
 */
export async function recordProof(
  deps: Deps,
  proof: {
    sessionId: string;
    member: Member;
    scope: string;
    event: SecurityEventType;
    ip: string | null;
    detail: string;
  },
): Promise<void> {
  await recordAuthentication(deps.db, proof.sessionId, now(deps));
  await clearFailures(deps, proof.scope, accountKey(proof.member.user_id));
  await recordSecurityEvent(deps, {
    memberId: proof.member.id,
    type: proof.event,
    ip: proof.ip,
    detail: proof.detail,
  });
}

/** Proven again by password or passkey on the 本人確認 page. */
export function completeReauth<E extends AppEnv>(
  c: Context<E>,
  session: CurrentSession,
  method: "password" | "passkey",
): Promise<void> {
  return recordProof(c.var.deps, {
    sessionId: session.id,
    member: session.member,
    scope: PASSWORD_SCOPE,
    event: "reauthenticated",
    ip: c.var.ip,
    detail: method,
  });
}

/** Password re-entry (re-auth and the password change), throttled like the sign-in. */
export async function checkPassword(
  deps: Deps,
  member: Member,
  password: string,
  ip: string | null,
): Promise<boolean> {
  if (!(await reauthAllowed(deps, member))) return false;
  if (await verifyPassword(member.password_hash, password)) {
    await clearFailures(deps, PASSWORD_SCOPE, accountKey(member.user_id));
    return true;
  }
  await recordReauthFailure(deps, member, ip, "reauth");
  return false;
}
