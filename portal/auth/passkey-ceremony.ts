// What every WebAuthn ceremony of the portal does around the library: a fresh challenge stored for one
// binding (a session, or the pre-sign-in cookie) and purpose, and on the way back the response read from the
// JSON body with its challenge claimed exactly once; an assertion accepted only with its counter stored.
// Also the member's user handle, shared by registration and passwordless sign-in.
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { Context } from "hono";
import type { AppEnv, CurrentSession } from "../app-env";
import { findPasskeyByCredentialId, listPasskeys, recordPasskeyUse } from "../db/passkeys";
import type { Passkey, WebauthnPurpose as Purpose } from "../db/schema";
import { saveChallenge, takeChallenge } from "../db/webauthn-challenges";
import type { Deps } from "../deps";
import { now } from "../deps";
import {
  type AssertionFailure,
  authenticationOptions,
  CHALLENGE_TTL_MS,
  challengeOfResponse,
  isChallengeFresh,
  newChallenge,
  type PasskeyAssertion,
  relyingPartyFor,
  storedPasskeyOf,
  verifyAuthentication,
} from "./passkey";
import { constantTimeEqual } from "./tokens";

/** A new 32-byte challenge, stored for `binding` and `purpose` (5 minutes, single use). */
export async function openCeremony(deps: Deps, binding: string, purpose: Purpose): Promise<string> {
  const challenge = newChallenge();
  await saveChallenge(deps.db, { challenge, binding, purpose, created_at: now(deps) }, CHALLENGE_TTL_MS);
  return challenge;
}

/**
 * The `response` of the JSON body and its challenge, when that challenge was issued for this binding and
 * purpose, is fresh and was not used before (it is used up now); otherwise null.
 */
export async function claimCeremony<R, E extends AppEnv = AppEnv>(
  c: Context<E>,
  binding: string,
  purpose: Purpose,
): Promise<{ response: R; challenge: string } | null> {
  const body = (await c.req.json().catch(() => null)) as { response?: unknown } | null;
  const response = body?.response;
  if (typeof response !== "object" || response === null) return null;
  const challenge = challengeOfResponse(response);
  if (!challenge) return null;
  const deps = c.var.deps;
  const createdAt = await takeChallenge(deps.db, { challenge, binding, purpose });
  const fresh = createdAt !== null && isChallengeFresh(createdAt, now(deps));
  return fresh ? { response: response as R, challenge } : null;
}

export type AssertionResponse = Parameters<typeof verifyAuthentication>[0]["response"];

/**
 * Signature, origin, RP ID, challenge, user verification and counter checked, then the new counter and the
 * last use stored — only if the counter did not move meanwhile, so of two racing assertions one loses.
 */
export async function acceptAssertion(
  deps: Deps,
  passkey: Passkey,
  ceremony: { response: AssertionResponse; challenge: string },
): Promise<PasskeyAssertion> {
  const result = await verifyAuthentication({
    rp: relyingPartyFor(deps.config.portalOrigin),
    response: ceremony.response,
    expectedChallenge: ceremony.challenge,
    passkey: storedPasskeyOf(passkey),
  });
  if (result.ok && !(await recordPasskeyUse(deps.db, passkey, result.newCounter, now(deps))))
    return { ok: false, reason: "counter" };
  return result;
}

/** Options for a signed-in member's own passkeys only (second factor, re-authentication). */
export async function openMemberAssertion(
  deps: Deps,
  session: CurrentSession,
  purpose: Purpose,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await listPasskeys(deps.db, session.member.id);
  const challenge = await openCeremony(deps, sessionBinding(session.id), purpose);
  return authenticationOptions({
    rp: relyingPartyFor(deps.config.portalOrigin),
    allow: passkeys.map(storedPasskeyOf),
    challenge,
  });
}

/**
 * Besides the library's refusals: no open challenge of this session (expired, used, other purpose), or a
 * passkey that is unknown or another member's.
 */
export type MemberAssertionFailure = "challenge" | "foreign" | AssertionFailure;

/** The JSON body's assertion, for a challenge this session opened for `purpose`, by one of its member's passkeys. */
export async function verifyMemberAssertion<E extends AppEnv>(
  c: Context<E>,
  session: CurrentSession,
  purpose: Purpose,
): Promise<{ ok: true; passkey: Passkey } | { ok: false; reason: MemberAssertionFailure }> {
  const deps = c.var.deps;
  const ceremony = await claimCeremony<AssertionResponse, E>(c, sessionBinding(session.id), purpose);
  if (!ceremony) return { ok: false, reason: "challenge" };
  const passkey = await findPasskeyByCredentialId(deps.db, String(ceremony.response.id));
  if (!passkey || passkey.member_id !== session.member.id) return { ok: false, reason: "foreign" };
  const result = await acceptAssertion(deps, passkey, ceremony);
  return result.ok ? { ok: true, passkey } : result;
}

export const sessionBinding = (sessionId: string): string => `session:${sessionId}`;

/**
 * The WebAuthn user handle: stable per member, not personal data (keyed hash of the member's row id). A member
 * who has passkeys keeps the handle they were registered with (it was derived from the secret key of that
 * time, and `npm run rotate-key` may have changed the key since).
 */
export function userHandleOf(deps: Deps, memberId: string, existing: readonly Passkey[] = []): string {
  return existing[0]?.user_handle ?? deps.secretBox.mac("webauthn-user-handle", memberId);
}

/** The handle an authenticator returned is the one this passkey was registered with. */
export function isUserHandleOf(passkey: Passkey, handle: string): boolean {
  return constantTimeEqual(handle, passkey.user_handle);
}
