// navigator.credentials.create() answered by the vault: a new ES256 key pair, a discoverable credential,
// attestation "none". The caller has checked the rpId against the page (rp-id.ts) and has the member's
// approval with the master password (user verification).
import { attestationObject, authenticatorData, coseEs256PublicKey, FLAGS } from "./authenticator-data";
import { toBase64Url } from "./base64url";
import { clientDataJSON } from "./client-data";
import type { Passkey } from "./passkey";
import { type CreationRequest, ES256 } from "./request-options";
import { generateEs256 } from "./signature";

/** Why a create is refused before any key is made (the DOMException name the page receives). */
export type CreateRefusal = "NotSupportedError" | "InvalidStateError";

/** Refusals decided from the request and the vault alone: no ES256 offered, or a passkey already here. */
export function creationRefusal(
  request: CreationRequest,
  rpId: string,
  passkeys: readonly Passkey[],
): CreateRefusal | null {
  if (!request.algorithms.includes(ES256)) return "NotSupportedError";
  const excluded = new Set(request.excludeIds);
  if (passkeys.some((p) => p.rpId === rpId && excluded.has(p.id))) return "InvalidStateError";
  return null;
}

/** PublicKeyCredential.toJSON() of a registration: what chrome.webAuthenticationProxy passes to the page. */
export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  type: "public-key";
  authenticatorAttachment: "platform";
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData: string;
    transports: string[];
    publicKey: string;
    publicKeyAlgorithm: number;
  };
  clientExtensionResults: { credProps?: { rk: boolean } };
}

/** SubjectPublicKeyInfo of a P-256 key, which getPublicKey() returns (the page may read it). */
async function spki(x: Uint8Array, y: Uint8Array): Promise<Uint8Array> {
  const jwk = { kty: "EC", crv: "P-256", x: toBase64Url(x), y: toBase64Url(y), ext: true };
  const key = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, true, [
    "verify",
  ]);
  return new Uint8Array(await crypto.subtle.exportKey("spki", key));
}

export async function createCredential(input: {
  request: CreationRequest;
  rpId: string;
  origin: string;
  /** The master password was checked for this request (or a recent unlock accepted). */
  userVerified: boolean;
  now?: number;
}): Promise<{ passkey: Passkey; response: RegistrationResponseJSON }> {
  const { request, rpId, origin, userVerified, now = Date.now() } = input;
  const { privateKey, x, y } = await generateEs256();
  const credentialId = crypto.getRandomValues(new Uint8Array(16));
  const id = toBase64Url(credentialId);
  const cosePublicKey = coseEs256PublicKey(x, y);
  // Backup eligible, not yet backed up: no backup contains this key until the member makes one.
  const flags = FLAGS.UP | (userVerified ? FLAGS.UV : 0) | FLAGS.BE;
  const authData = await authenticatorData({
    rpId,
    flags,
    signCount: 0,
    attested: { credentialId, cosePublicKey },
  });
  const clientData = clientDataJSON("webauthn.create", request.challenge, origin);
  const passkey: Passkey = {
    id,
    rpId,
    rpName: request.rpName,
    userHandle: request.user.id,
    userName: request.user.name,
    userDisplayName: request.user.displayName,
    label: "",
    privateKey,
    signCount: 0,
    origin,
    createdAt: now,
  };
  const response: RegistrationResponseJSON = {
    id,
    rawId: id,
    type: "public-key",
    authenticatorAttachment: "platform",
    response: {
      clientDataJSON: toBase64Url(clientData),
      attestationObject: toBase64Url(attestationObject(authData)),
      authenticatorData: toBase64Url(authData),
      transports: ["internal"],
      publicKey: toBase64Url(await spki(x, y)),
      publicKeyAlgorithm: ES256,
    },
    clientExtensionResults: request.credProps ? { credProps: { rk: true } } : {},
  };
  return { passkey, response };
}
