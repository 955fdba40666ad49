// What every WebAuthn ceremony of the portal does around the library: a fresh challenge stored for one
// binding (a session, or the pre-sign-in cookie) and purpose, and on the way back the response read from the
// JSON body with its challenge claimed exactly once. Also the member's user handle, shared by registration
// and passwordless sign-in.
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { challengeOfResponse, newChallenge } from "../auth/passkey";
import { constantTimeEqual } from "../auth/tokens";
import type { WebauthnChallengesTable } from "../db/second-factor-schema";
import { saveChallenge, takeChallenge } from "../db/webauthn-challenges";
import type { Deps } from "../deps";
import { now } from "../deps";
import { secretBoxOf } from "./second-factor-common";

type Purpose = WebauthnChallengesTable["purpose"];

/** A new 32-byte challenge, stored for `binding` and `purpose` (5 minutes, single use). */
export async function openCeremony(deps: Deps, binding: string, purpose: Purpose): Promise<string> {
  const challenge = newChallenge();
  await saveChallenge(deps.db, { challenge, binding, purpose, created_at: now(deps) });
  return challenge;
}

/**
 * The `response` of the JSON body and its challenge, when that challenge was issued for this binding and
 * purpose, is fresh and was not used before (it is used up now); otherwise null.
 */
export async function claimCeremony<R>(
  c: Context<AppEnv>,
  deps: Deps,
  binding: string,
  purpose: Purpose,
): Promise<{ response: R; challenge: string } | null> {
  const body = (await c.req.json().catch(() => null)) as { response?: unknown } | null;
  const response = body?.response;
  if (typeof response !== "object" || response === null) return null;
  const challenge = challengeOfResponse(response);
  if (!challenge) return null;
  const fresh = await takeChallenge(deps.db, { challenge, binding, purpose, now: now(deps) });
  return fresh ? { response: response as R, challenge } : null;
}

export const sessionBinding = (sessionId: string): string => `session:${sessionId}`;

/** The WebAuthn user handle: stable per member, not personal data (keyed hash of the member's row id). */
export function userHandleOf(deps: Deps, memberId: string): string {
  return secretBoxOf(deps).mac("webauthn-user-handle", memberId);
}

export function isUserHandleOf(deps: Deps, memberId: string, handle: string): boolean {
  return constantTimeEqual(handle, userHandleOf(deps, memberId));
}
