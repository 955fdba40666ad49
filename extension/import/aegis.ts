// Aegis vault export (docs/vault.md): {version, header: {slots, params}, db}. Plain: slots and params are null
// and db is {version, entries}. Encrypted: a password slot (type 1) holds the 32-byte master key wrapped with
// AES-256-GCM under scrypt(password, salt, N, r, p) (Aegis writes N=2^15, r=8, p=1); the master key decrypts
// db, a base64 AES-256-GCM ciphertext whose nonce and tag are in header.params.
// Entry: {type: totp|hotp|steam|yandex|motp, name, issuer, info: {secret, algo, digits, period|counter}}.
import { scrypt } from "hash-wasm";
import { concatBytes } from "../vault/bytes";
import { aesGcmDecrypt, base64Field, decryptedJson, hexField } from "./decrypt";
import { EntryCollector, entryRef, isRecord, type ParsedFile } from "./entries";
import { checkScryptParams, ImportStop } from "./limits";

const PASSWORD_SLOT = 1;
/** Aegis writes one password slot; a few more are tried, each at bounded cost, before the file is refused. */
const MAX_PASSWORD_SLOTS = 3;

export function isAegisFile(json: Record<string, unknown>): boolean {
  return isRecord(json.header) && "db" in json && "version" in json;
}

function readEntries(db: unknown, encrypted: boolean): ParsedFile {
  if (!isRecord(db) || !Array.isArray(db.entries)) throw new ImportStop("damaged");
  const collector = new EntryCollector("aegis", encrypted);
  for (const [index, entry] of (db.entries as unknown[]).entries()) {
    if (!isRecord(entry)) {
      collector.skip(entryRef(index, "", ""), "unreadable");
      continue;
    }
    const ref = entryRef(index, entry.issuer, entry.name);
    const info = isRecord(entry.info) ? entry.info : {};
    collector.add(ref, {
      type: entry.type,
      issuer: entry.issuer,
      label: entry.name,
      secret: info.secret,
      algorithm: info.algo,
      digits: info.digits,
      period: info.period,
      counter: info.counter,
    });
  }
  return collector.result();
}

/** The master key from the first password slot that `password` opens; null when none does. */
async function unwrapMasterKey(
  slots: Record<string, unknown>[],
  password: string,
): Promise<Uint8Array | null> {
  for (const slot of slots) {
    const { n, r, p } = checkScryptParams(slot.n, slot.r, slot.p);
    const salt = hexField(slot.salt);
    const keyParams = isRecord(slot.key_params) ? slot.key_params : {};
    const wrapped = concatBytes(hexField(slot.key, 32), hexField(keyParams.tag, 16));
    const nonce = hexField(keyParams.nonce, 12);
    const slotKey = await scrypt({
      password,
      salt,
      costFactor: n,
      blockSize: r,
      parallelism: p,
      hashLength: 32,
      outputType: "binary",
    });
    const masterKey = await aesGcmDecrypt(slotKey, nonce, wrapped);
    if (masterKey) return masterKey;
  }
  return null;
}

export async function parseAegisFile(json: Record<string, unknown>, password?: string): Promise<ParsedFile> {
  const header = json.header as Record<string, unknown>;
  if (header.slots === null || header.slots === undefined) return readEntries(json.db, false);
  if (!Array.isArray(header.slots) || !isRecord(header.params) || typeof json.db !== "string") {
    throw new ImportStop("damaged");
  }
  const slots = header.slots.filter(
    (slot): slot is Record<string, unknown> => isRecord(slot) && slot.type === PASSWORD_SLOT,
  );
  if (slots.length === 0) throw new ImportStop("unsupported-encryption"); // biometric-only vaults
  if (slots.length > MAX_PASSWORD_SLOTS) throw new ImportStop("kdf-too-costly");
  // Every slot's parameters are checked before the first derivation: a costly later slot refuses the file.
  for (const slot of slots) checkScryptParams(slot.n, slot.r, slot.p);
  const nonce = hexField(header.params.nonce, 12);
  const tag = hexField(header.params.tag, 16);
  const ciphertext = base64Field(json.db);
  if (!password) throw new ImportStop("needs-password");
  const masterKey = await unwrapMasterKey(slots, password);
  if (!masterKey) throw new ImportStop("wrong-password");
  // The password was right: a db that does not decrypt is a damaged (e.g. truncated) file.
  const plain = await aesGcmDecrypt(masterKey, nonce, concatBytes(ciphertext, tag));
  if (!plain) throw new ImportStop("damaged");
  return readEntries(decryptedJson(plain), true);
}
