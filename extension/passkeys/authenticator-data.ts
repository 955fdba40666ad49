// Authenticator data and the attestation object (WebAuthn §6.1, §6.5): what a relying party parses from
// every response. SHA-256(rpId) ‖ flags ‖ signCount (4 bytes, big-endian) ‖ for a new credential: AAGUID ‖
// credential ID length (2 bytes) ‖ credential ID ‖ COSE public key. CBOR by @levischuck/tiny-cbor (the
// library @simplewebauthn, the portal's verifier, also uses), so encoder and decoder are not our own pair.
import { type CBORType, encodeCBOR } from "@levischuck/tiny-cbor";
import { concatBytes } from "../vault/bytes";

export const FLAGS = {
  /** User present: the member clicked in our window. */
  UP: 0x01,
  /** User verified: the master password was typed (or within the recent-unlock window). */
  UV: 0x04,
  /** Backup eligible: the vault can be exported, so the key can exist elsewhere. */
  BE: 0x08,
  /** Backed up: a backup or recovery sheet was made since the passkey was created. */
  BS: 0x10,
  /** Attested credential data included (create only). */
  AT: 0x40,
} as const;

/** All zeros: attestation "none" carries no model identity, and we claim none. */
export const AAGUID = new Uint8Array(16);

/** The public key as a COSE_Key map (RFC 9053): kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y. */
export function coseEs256PublicKey(x: Uint8Array, y: Uint8Array): Uint8Array<ArrayBuffer> {
  if (x.length !== 32 || y.length !== 32) throw new Error("P-256 coordinates are 32 bytes");
  const encoded = encodeCBOR(
    new Map<number, CBORType>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, x],
      [-3, y],
    ]),
  );
  return new Uint8Array(encoded);
}

export interface AttestedCredential {
  credentialId: Uint8Array;
  cosePublicKey: Uint8Array;
}

export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

export async function authenticatorData(input: {
  rpId: string;
  flags: number;
  signCount: number;
  attested?: AttestedCredential;
}): Promise<Uint8Array<ArrayBuffer>> {
  const { rpId, signCount, attested } = input;
  if (!Number.isInteger(signCount) || signCount < 0 || signCount > 0xffff_ffff) throw new Error("bad count");
  const flags = attested ? input.flags | FLAGS.AT : input.flags & ~FLAGS.AT;
  const head = new Uint8Array(5);
  head[0] = flags;
  new DataView(head.buffer).setUint32(1, signCount);
  const parts: Uint8Array[] = [await sha256(new TextEncoder().encode(rpId)), head];
  if (attested) {
    const idLength = new Uint8Array(2);
    new DataView(idLength.buffer).setUint16(0, attested.credentialId.length);
    parts.push(AAGUID, idLength, attested.credentialId, attested.cosePublicKey);
  }
  return concatBytes(...parts);
}

/** The attestation object of format "none": {fmt: "none", attStmt: {}, authData}. */
export function attestationObject(authData: Uint8Array): Uint8Array<ArrayBuffer> {
  const encoded = encodeCBOR(
    new Map<string, CBORType>([
      ["fmt", "none"],
      ["attStmt", new Map<string, CBORType>()],
      ["authData", authData],
    ]),
  );
  return new Uint8Array(encoded);
}
