// The pieces the encrypted formats share: strict hex/base64 field decoding (a malformed field refuses the file
// as damaged), PBKDF2 and AES-GCM with WebCrypto (AES-GCM answers null when the key or the data is wrong).
// PBKDF2 is WebCrypto's, not hash-wasm's: andOTP's 140,000 SHA-1 iterations take 0.35 s natively and 5.5 s in
// hash-wasm's WebAssembly on this machine.
import { fromBase64 } from "../vault/bytes";
import { ImportStop } from "./limits";

/** Decodes a hex field of exactly `length` bytes (any length when omitted). */
export function hexField(value: unknown, length?: number): Uint8Array<ArrayBuffer> {
  if (typeof value !== "string" || value.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(value)) {
    throw new ImportStop("damaged");
  }
  if (length !== undefined && value.length !== length * 2) throw new ImportStop("damaged");
  const bytes = new Uint8Array(value.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(value.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Decodes a standard base64 field (padding optional, whitespace ignored). */
export function base64Field(value: unknown): Uint8Array<ArrayBuffer> {
  if (typeof value !== "string") throw new ImportStop("damaged");
  const compact = value.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw new ImportStop("damaged");
  try {
    return fromBase64(compact.padEnd(Math.ceil(compact.length / 4) * 4, "="));
  } catch {
    throw new ImportStop("damaged");
  }
}

/** PBKDF2-HMAC (iterations already bounded by the caller) → 32 key bytes. */
export async function pbkdf2Key(
  password: string,
  salt: Uint8Array,
  iterations: number,
  hash: "SHA-1" | "SHA-256",
): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash, salt: new Uint8Array(salt), iterations },
    material,
    256,
  );
  return new Uint8Array(bits);
}

/** AES-256-GCM: `data` is ciphertext followed by the 16-byte tag. Null when the key or data is wrong. */
export async function aesGcmDecrypt(
  keyBytes: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (keyBytes.length !== 32 || data.length < 16) return null;
  const key = await crypto.subtle.importKey("raw", new Uint8Array(keyBytes), "AES-GCM", false, ["decrypt"]);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: new Uint8Array(iv) },
      key,
      new Uint8Array(data),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

/** Parses decrypted JSON; anything else means the plaintext is not what the format promises. */
export function decryptedJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ImportStop("damaged");
  }
}
