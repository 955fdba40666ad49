// Base32 (RFC 4648) keys as people type and paste them: spaces, hyphens and lower case are ignored, padding
// is optional. Validation returns a reason code the UI can translate; it never echoes the key.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** 80 bits: the shortest key real services hand out (RFC 4226 asks for 128; some older sites use 80). */
export const MIN_SECRET_LENGTH = 16;
/** Far above any real key (a 512-bit key is 103 characters); guards against pasted garbage. */
export const MAX_SECRET_LENGTH = 1024;

export type Base32Problem = "empty" | "invalid-character" | "too-short" | "too-long" | "bad-length";

export type Base32Check = { ok: true; secret: string } | { ok: false; problem: Base32Problem };

/** Upper-cases and removes whitespace, hyphens and trailing "=" padding. */
export function normalizeBase32(input: string): string {
  return input
    .replace(/[\s\u3000-]+/g, "")
    .toUpperCase()
    .replace(/=+$/, "");
}

/** Normalises and validates a key typed by a person or found in a URI. */
export function checkBase32Secret(input: string): Base32Check {
  const secret = normalizeBase32(input);
  if (secret.length === 0) return { ok: false, problem: "empty" };
  for (const char of secret) if (!ALPHABET.includes(char)) return { ok: false, problem: "invalid-character" };
  if (secret.length > MAX_SECRET_LENGTH) return { ok: false, problem: "too-long" };
  // Unpadded RFC 4648 lengths end in 0, 2, 4, 5 or 7 characters of the last 8-character block.
  if ([1, 3, 6].includes(secret.length % 8)) return { ok: false, problem: "bad-length" };
  if (secret.length < MIN_SECRET_LENGTH) return { ok: false, problem: "too-short" };
  return { ok: true, secret };
}

/** Encodes bytes as unpadded base32 (used for keys that arrive as raw bytes, e.g. Google's export). */
export function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (normalised first); throws on a character outside the alphabet. */
export function decodeBase32(input: string): Uint8Array {
  const text = normalizeBase32(input);
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new TypeError("base32: invalid character");
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}
