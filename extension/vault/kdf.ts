// Argon2id (hash-wasm; its WASM is inlined in the JS bundle, nothing is fetched) → 32 key bytes →
// a non-extractable AES-256-GCM WebCrypto key.
import { argon2id } from "hash-wasm";
import { fromBase64 } from "./bytes";
import type { KdfParams } from "./envelope";

export async function deriveKeyBytes(password: string, kdf: KdfParams): Promise<Uint8Array<ArrayBuffer>> {
  const hash = await argon2id({
    password: password.normalize("NFC"),
    salt: fromBase64(kdf.salt),
    parallelism: kdf.parallelism,
    iterations: kdf.iterations,
    memorySize: kdf.memoryKiB,
    hashLength: 32,
    outputType: "binary",
  });
  return new Uint8Array(hash);
}

export function importAesKey(keyBytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", keyBytes, { name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
}
