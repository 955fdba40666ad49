// Passkeys (manual 2-1, 2-2 and the PC-with-phone case): thin, pure wrappers over @simplewebauthn/server.
// Decisions only — challenges and credentials are stored by db/webauthn-challenges.ts and db/passkeys.ts.
import { randomBytes } from "node:crypto";
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { Passkey } from "../db/schema";

export const CHALLENGE_BYTES = 32;
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const RP_NAME = "KOSMO Web";

export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

/** RP ID and the expected origin come from PORTAL_ORIGIN (default http://localhost:8787). */
export function relyingPartyFor(portalOrigin: string): RelyingParty {
  const url = new URL(portalOrigin);
  return { id: url.hostname, name: RP_NAME, origin: url.origin };
}

/** 32 random bytes, base64url — stored, used once, 5 minutes. */
export function newChallenge(): string {
  return randomBytes(CHALLENGE_BYTES).toString("base64url");
}

export function isChallengeFresh(createdAt: number, now: number): boolean {
  return now >= createdAt && now - createdAt < CHALLENGE_TTL_MS;
}

/** The challenge the browser signed, read from clientDataJSON (to find the stored one); null if unreadable. */
export function challengeOfResponse(response: { response?: { clientDataJSON?: unknown } }): string | null {
  const encoded = response.response?.clientDataJSON;
  if (typeof encoded !== "string") return null;
  try {
    const clientData = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as {
      challenge?: unknown;
    };
    return typeof clientData.challenge === "string" ? clientData.challenge : null;
  } catch {
    return null;
  }
}

export interface StoredPasskey {
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

/** What the library needs of a stored passkey row. */
export function storedPasskeyOf(row: Passkey): StoredPasskey {
  return {
    credentialId: row.credential_id,
    publicKey: Buffer.from(row.public_key, "base64url"),
    counter: Number(row.counter),
    transports: row.transports ? row.transports.split(",") : [],
  };
}

export function registrationOptions(input: {
  rp: RelyingParty;
  userName: string;
  displayName: string;
  userHandle: string;
  existing: StoredPasskey[];
  challenge: string;
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: input.rp.name,
    rpID: input.rp.id,
    userName: input.userName,
    userDisplayName: input.displayName,
    userID: Buffer.from(input.userHandle, "base64url"),
    challenge: Buffer.from(input.challenge, "base64url"),
    timeout: CHALLENGE_TTL_MS,
    attestationType: "none",
    // A passkey: discoverable and verified (face, fingerprint, PIN). No authenticatorAttachment, so the
    // browser also offers "use a phone" (QR + Bluetooth), as manual 2-2★ needs.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    excludeCredentials: input.existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
  });
}

/** What both ceremonies check alike: the challenge this server issued, its origin and RP ID, user verification. */
function expectations(input: { rp: RelyingParty; expectedChallenge: string }) {
  return {
    expectedChallenge: input.expectedChallenge,
    expectedOrigin: input.rp.origin,
    expectedRPID: input.rp.id,
    requireUserVerification: true,
  };
}

export interface NewPasskey extends StoredPasskey {
  backedUp: boolean;
  deviceType: string;
}

export async function verifyRegistration(input: {
  rp: RelyingParty;
  response: RegistrationResponseJSON;
  expectedChallenge: string;
}): Promise<{ ok: true; passkey: NewPasskey } | { ok: false }> {
  try {
    const result = await verifyRegistrationResponse({ response: input.response, ...expectations(input) });
    if (!result.verified) return { ok: false };
    const { credential, credentialBackedUp, credentialDeviceType } = result.registrationInfo;
    return {
      ok: true,
      passkey: {
        credentialId: credential.id,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: credential.transports ?? input.response.response.transports ?? [],
        backedUp: credentialBackedUp,
        deviceType: credentialDeviceType,
      },
    };
  } catch {
    return { ok: false };
  }
}

/** With `allow` = the member's passkeys (second factor); without it, any discoverable passkey (passwordless). */
export function authenticationOptions(input: {
  rp: RelyingParty;
  allow?: StoredPasskey[];
  challenge: string;
}): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: input.rp.id,
    challenge: Buffer.from(input.challenge, "base64url"),
    timeout: CHALLENGE_TTL_MS,
    userVerification: "required",
    allowCredentials: (input.allow ?? []).map((passkey) => ({
      id: passkey.credentialId,
      transports: withHybrid(passkey.transports),
    })),
  });
}

/**
 * Transports are hints the browser uses to pick authenticators. A passkey made on a phone may have reported
 * only "internal"; adding "hybrid" keeps the phone-over-QR/Bluetooth route (manual 2-2★) always offered.
 */
export function withHybrid(transports: string[]): string[] {
  return transports.includes("hybrid") ? transports : [...transports, "hybrid"];
}

/** Why an assertion was refused: bad signature/origin/challenge, no user verification, counter not advanced. */
export type AssertionFailure = "invalid" | "uv" | "counter";

export type PasskeyAssertion = { ok: true; newCounter: number } | { ok: false; reason: AssertionFailure };

/**
 * Checks signature, origin, RP ID, challenge, user verification, and the signature counter — all by
 * @simplewebauthn: when either the stored or the new counter is non-zero the new one must be greater (else the
 * authenticator may be cloned; WebAuthn §6.1.1), and 0 on both sides is an authenticator that does not count.
 */
export async function verifyAuthentication(input: {
  rp: RelyingParty;
  response: AuthenticationResponseJSON;
  expectedChallenge: string;
  passkey: StoredPasskey;
}): Promise<PasskeyAssertion> {
  try {
    const result = await verifyAuthenticationResponse({
      response: input.response,
      ...expectations(input),
      credential: {
        id: input.passkey.credentialId,
        publicKey: new Uint8Array(input.passkey.publicKey),
        counter: input.passkey.counter,
        transports: input.passkey.transports,
      },
    });
    if (!result.verified) return { ok: false, reason: "invalid" };
    return { ok: true, newCounter: result.authenticationInfo.newCounter };
  } catch (error) {
    return { ok: false, reason: failureOf(String(error)) };
  }
}

/** The library reports refusals as errors; its wording tells the UV and counter cases from the rest. */
function failureOf(message: string): AssertionFailure {
  if (/user verification/i.test(message)) return "uv";
  if (/counter/i.test(message)) return "counter";
  return "invalid";
}
