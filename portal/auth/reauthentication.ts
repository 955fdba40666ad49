// 本人確認 before sensitive changes: the current password or one of the member's passkeys, remembered for
// REAUTH_WINDOW_MS. Attempts are taken in the limiter (auth/limiter.ts) before they are judged, per flow, for
// this member (or their known device) and the client.
import type { Context } from "hono";
import type { AppEnv, CurrentSession } from "../app-env";
import { lastAuthenticationAt, recordAuthentication } from "../db/recent-authentications";
import type { Member } from "../db/schema";
import type { Deps } from "../deps";
import { now } from "../deps";
import { accountOrDeviceScope, knownDeviceOf } from "./known-device";
import { clientScope, type Flow, type LimiterScope, takeAttempt } from "./limiter";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { recordSecurityEvent, type SecurityEventType } from "./security-events";

export const REAUTH_WINDOW_MS = 5 * 60_000;

/** A signed-in member who re-entered the password (or signed in) within the last 5 minutes. */
export async function hasRecentAuthentication(deps: Deps, session: CurrentSession | null): Promise<boolean> {
  if (session?.level !== "full") return false;
  const at = await lastAuthenticationAt(deps.db, session.id);
  return at !== null && now(deps) - at < REAUTH_WINDOW_MS;
}

/** Where a re-entry counts: this member (or their known device) and the client, per flow. */
export function reauthScopes<E extends AppEnv>(c: Context<E>, flow: Flow, member: Member): LimiterScope[] {
  return [accountOrDeviceScope(c, flow, member), clientScope(flow, c.var.ip)];
}

export async function recordReauthFailure(deps: Deps, member: Member, ip: string | null, detail: string) {
  await recordSecurityEvent(deps, { memberId: member.id, type: "sign-in-failed", ip, detail });
}

/**
 * The member proved who they are in this session (sign-in or 本人確認): the moment remembered for the re-auth
 * window, the event recorded. (The limiter's count was cleared by the attempt's `succeeded()`.)
 */
export async function recordProof(
  deps: Deps,
  proof: {
    sessionId: string;
    member: Member;
    event: SecurityEventType;
    ip: string | null;
    detail: string;
  },
): Promise<void> {
  await recordAuthentication(deps.db, proof.sessionId, now(deps));
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
    event: "reauthenticated",
    ip: c.var.ip,
    detail: method,
  });
}

/**
 * Password re-entry (re-auth and the password change): the attempt is taken before Argon2 runs; a throttled
 * one spends the same work on the stored hash's stand-in and fails.
 */
export async function checkPassword<E extends AppEnv>(
  c: Context<E>,
  member: Member,
  password: string,
  flow: Flow,
): Promise<boolean> {
  const deps = c.var.deps;
  const attempt = await takeAttempt(deps, reauthScopes(c, flow, member));
  const priority = knownDeviceOf(c, member.id) ? "known-device" : "normal";
  if (!attempt.allowed) {
    await verifyAgainstDummy(password, priority);
    await recordReauthFailure(deps, member, c.var.ip, `${flow}-throttled`);
    return false;
  }
  if (await verifyPassword(member.password_hash, password, priority)) {
    await attempt.succeeded();
    return true;
  }
  await recordReauthFailure(deps, member, c.var.ip, flow);
  return false;
}
