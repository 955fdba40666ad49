// The vault envelope: one versioned JSON object holding the KDF parameters and the AES-256-GCM ciphertext.
// Parameters are read back from storage, so they are bounds-checked before use: a tampered envelope must not
// make us derive with 1 KiB of memory or allocate 100 GiB.
import { fromBase64, randomBytes, toBase64 } from "./bytes";

export const ENVELOPE_VERSION = 1;
export const KDF_LIMITS = {
  memoryKiB: { min: 65_536, max: 1_048_576 },
  iterations: { min: 3, max: 20 },
  saltBytes: 16,
} as const;
export const IV_BYTES = 12;

export interface KdfParams {
  algorithm: "argon2id";
  memoryKiB: number;
  iterations: number;
  parallelism: 1;
  /** base64 of 16 random bytes */
  salt: string;
}

export interface Envelope {
  version: typeof ENVELOPE_VERSION;
  kdf: KdfParams;
  cipher: { /** base64 of 12 bytes */ iv: string /** base64 ciphertext + GCM tag */; data: string };
}

export class EnvelopeError extends Error {}

export function defaultKdfParams(): KdfParams {
  return {
    algorithm: "argon2id",
    memoryKiB: KDF_LIMITS.memoryKiB.min,
    iterations: KDF_LIMITS.iterations.min,
    parallelism: 1,
    salt: toBase64(randomBytes(KDF_LIMITS.saltBytes)),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function intInRange(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Checks the form and decoded length without decoding: the ciphertext is decoded once, when it is opened
 * (decoding 200 accounts' ciphertext costs milliseconds in a cold service worker).
 */
function base64OfLength(value: unknown, length: number | null): value is string {
  if (typeof value !== "string" || value.length % 4 !== 0 || !BASE64.test(value)) return false;
  const padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
  const bytes = (value.length / 4) * 3 - padding;
  return length === null ? bytes > 16 : bytes === length;
}

export function parseKdfParams(value: unknown): KdfParams {
  const { memoryKiB, iterations } = KDF_LIMITS;
  if (
    !isRecord(value) ||
    value.algorithm !== "argon2id" ||
    !intInRange(value.memoryKiB, memoryKiB.min, memoryKiB.max) ||
    !intInRange(value.iterations, iterations.min, iterations.max) ||
    value.parallelism !== 1 ||
    !base64OfLength(value.salt, KDF_LIMITS.saltBytes)
  ) {
    throw new EnvelopeError("bad kdf parameters");
  }
  return {
    algorithm: "argon2id",
    memoryKiB: value.memoryKiB,
    iterations: value.iterations,
    parallelism: 1,
    salt: value.salt,
  };
}

/** Validates an envelope read from storage; throws EnvelopeError on anything unexpected. */
export function parseEnvelope(value: unknown): Envelope {
  if (!isRecord(value) || value.version !== ENVELOPE_VERSION) throw new EnvelopeError("bad version");
  const kdf = parseKdfParams(value.kdf);
  const cipher = value.cipher;
  if (!isRecord(cipher) || !base64OfLength(cipher.iv, IV_BYTES) || !base64OfLength(cipher.data, null)) {
    throw new EnvelopeError("bad cipher");
  }
  return { version: ENVELOPE_VERSION, kdf, cipher: { iv: cipher.iv, data: cipher.data } };
}

/** The KDF parameters are bound to the ciphertext as additional data, so changing them breaks decryption. */
function additionalData(kdf: KdfParams): Uint8Array<ArrayBuffer> {
  const text = `v${ENVELOPE_VERSION}|${kdf.algorithm}|${kdf.memoryKiB}|${kdf.iterations}|${kdf.parallelism}|${kdf.salt}`;
  return new TextEncoder().encode(text);
}

/** Encrypts `plaintext` with a fresh 12-byte IV. */
export async function sealEnvelope(key: CryptoKey, kdf: KdfParams, plaintext: string): Promise<Envelope> {
  const iv = randomBytes(IV_BYTES);
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: additionalData(kdf) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return {
    version: ENVELOPE_VERSION,
    kdf,
    cipher: { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) },
  };
}

/** Decrypts; a wrong key or any tampering (GCM tag, parameters) throws EnvelopeError. */
export async function openEnvelope(key: CryptoKey, envelope: Envelope): Promise<string> {
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(envelope.cipher.iv), additionalData: additionalData(envelope.kdf) },
      key,
      fromBase64(envelope.cipher.data),
    );
    return new TextDecoder().decode(plaintext);
  } catch {
    throw new EnvelopeError("cannot decrypt");
  }
}
