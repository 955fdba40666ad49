// The Chrome "Authenticator" extension's JSON backup (authenticator.json): an object keyed by entry hash.
//   plain:      {"<hash>": {account, issuer, secret, type, counter?, period?, digits?, algorithm?}}
//   encrypted:  {"<hash>": {dataType: "EncOTPStorage", keyId, data}, "<keyId>": {dataType: "Key", id, salt, hash}}
//               The key is Argon2id(password, salt as UTF-8; t=2, m=19 MiB, p=1, 32 bytes) written as unpadded
//               base64 (the hash part of argon2's encoded string); `data` is CryptoJS.AES.encrypt(JSON, that key):
//               OpenSSL's "Salted__" format, AES-256-CBC with key and IV from EVP_BytesToKey (MD5, one round).
//   legacy:     entries with encrypted: true whose `secret` is CryptoJS.AES.encrypt(secret, password).
// Types: totp, hotp, hex/hhex (TOTP/HOTP with a hex key), battle and steam (not supported).
// The KDF parameters are fixed by the format, never read from the file; the stored `hash` is not verified
// (that would run Argon2 at a cost the file chooses): a wrong password shows as ciphertext that does not open.
import { argon2id, createMD5 } from "hash-wasm";
import { encodeBase32 } from "../../shared/base32";
import { concatBytes, toBase64 } from "../vault/bytes";
import { base64Field, hexField } from "./decrypt";
import { EntryCollector, entryRef, isRecord, type ParsedFile } from "./entries";
import { ImportStop } from "./limits";

const ARGON2 = { iterations: 2, memorySize: 19_456, parallelism: 1, hashLength: 32 } as const;
/** Distinct keys derived for one file (the extension writes one); each costs one Argon2id. */
const MAX_KEYS = 3;
const STORAGE_TYPES = ["OTPStorage", "EncOTPStorage", "Key", "Group", "EncGroup"];

export function isAuthenticatorFile(json: Record<string, unknown>): boolean {
  return Object.values(json).some(
    (value) =>
      isRecord(value) &&
      (STORAGE_TYPES.includes(String(value.dataType)) ||
        (typeof value.secret === "string" && ("account" in value || "issuer" in value) && "type" in value)),
  );
}

/** CryptoJS.AES.decrypt(text, passphrase) for OpenSSL-format text; null when it does not open. */
async function openSslDecrypt(text: unknown, passphrase: string): Promise<string | null> {
  let bytes: Uint8Array;
  try {
    bytes = base64Field(text);
  } catch {
    return null;
  }
  const magic = new TextDecoder().decode(bytes.slice(0, 8));
  if (magic !== "Salted__" || bytes.length < 32 || bytes.length % 16 !== 0) return null;
  const salt = bytes.slice(8, 16);
  const secret = new TextEncoder().encode(passphrase);
  // OpenSSL's EVP_BytesToKey (MD5, one round), as CryptoJS derives a 32-byte key and 16-byte IV.
  const md5 = await createMD5();
  let derived = new Uint8Array(0);
  let block: Uint8Array = new Uint8Array(0);
  while (derived.length < 48) {
    md5.init();
    md5.update(concatBytes(block, secret, salt));
    block = md5.digest("binary");
    derived = concatBytes(derived, block);
  }
  try {
    const key = await crypto.subtle.importKey("raw", derived.slice(0, 32), "AES-CBC", false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt(
      { name: "AES-CBC", iv: derived.slice(32, 48) },
      key,
      bytes.slice(16),
    );
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

async function passphraseOf(key: Record<string, unknown>, password: string): Promise<string> {
  if (typeof key.salt !== "string" || key.salt.length < 8 || key.salt.length > 1024)
    throw new ImportStop("damaged");
  const raw = await argon2id({ password, salt: key.salt, ...ARGON2, outputType: "binary" });
  return toBase64(raw).replace(/=+$/, "");
}

/** Opens encrypted parts with the password: the first part that does not open means the password is wrong. */
class Opener {
  private readonly keys = new Map<string, Record<string, unknown>>();
  private readonly passphrases = new Map<string, Promise<string>>();
  private opened = false;

  constructor(
    file: Record<string, unknown>,
    private readonly password: string,
  ) {
    for (const value of Object.values(file)) {
      if (isRecord(value) && value.dataType === "Key" && typeof value.id === "string")
        this.keys.set(value.id, value);
    }
  }

  private passphrase(keyId: string): Promise<string> | null {
    const key = this.keys.get(keyId);
    if (!key) return null;
    let passphrase = this.passphrases.get(keyId);
    if (!passphrase) {
      if (this.passphrases.size >= MAX_KEYS) throw new ImportStop("kdf-too-costly");
      passphrase = passphraseOf(key, this.password);
      this.passphrases.set(keyId, passphrase);
    }
    return passphrase;
  }

  async open(data: unknown, keyId?: unknown): Promise<string | null> {
    const passphrase = keyId === undefined ? this.password : this.passphrase(String(keyId));
    if (passphrase === null) return null;
    const plain = await openSslDecrypt(data, await passphrase);
    if (plain === null && !this.opened) throw new ImportStop("wrong-password");
    if (plain !== null) this.opened = true;
    return plain;
  }
}

/** The entry's fields, decrypting what is encrypted; null when that part does not open. */
async function plainEntry(
  entry: Record<string, unknown>,
  opener: Opener | null,
): Promise<Record<string, unknown> | null> {
  if (entry.dataType === "EncOTPStorage") {
    const text = await opener?.open(entry.data, entry.keyId);
    if (!text) return null;
    try {
      const decrypted: unknown = JSON.parse(text);
      return isRecord(decrypted) ? { ...decrypted, encrypted: false } : null;
    } catch {
      return null;
    }
  }
  if (entry.encrypted !== true) return entry;
  const secret = await opener?.open(entry.secret);
  return secret ? { ...entry, secret, encrypted: false } : null;
}

/** hex / hhex entries carry the key as hex: converted to base32 so the one key rule applies. */
function normalisedType(entry: Record<string, unknown>): { type: unknown; secret: unknown } {
  const type = typeof entry.type === "string" ? entry.type.toLowerCase() : entry.type;
  if ((type === "hex" || type === "hhex") && typeof entry.secret === "string") {
    try {
      const secret = encodeBase32(hexField(entry.secret.replace(/\s/g, "")));
      return { type: type === "hex" ? "totp" : "hotp", secret };
    } catch {
      return { type, secret: "" };
    }
  }
  return { type, secret: entry.secret };
}

export async function parseAuthenticatorFile(
  json: Record<string, unknown>,
  password?: string,
): Promise<ParsedFile> {
  const items = Object.values(json).filter(
    (value): value is Record<string, unknown> =>
      isRecord(value) &&
      value.dataType !== "Key" &&
      value.dataType !== "Group" &&
      value.dataType !== "EncGroup" &&
      ("secret" in value || value.dataType === "EncOTPStorage"),
  );
  const encrypted = items.some((item) => item.dataType === "EncOTPStorage" || item.encrypted === true);
  if (encrypted && !password) throw new ImportStop("needs-password");
  const opener = encrypted && password ? new Opener(json, password) : null;
  const collector = new EntryCollector("authenticator", encrypted);
  for (const [index, item] of items.entries()) {
    const entry = await plainEntry(item, opener);
    if (!entry) {
      collector.skip(entryRef(index, "", ""), "unreadable", "encrypted");
      continue;
    }
    const { type, secret } = normalisedType(entry);
    collector.add(entryRef(index, entry.issuer, entry.account), {
      type,
      issuer: entry.issuer,
      label: entry.account,
      secret,
      algorithm: entry.algorithm,
      digits: entry.digits,
      period: entry.period,
      counter: entry.counter,
    });
  }
  return collector.result();
}
