// 2FAS backup (.2fas): {services: [...], schemaVersion 1–4, servicesEncrypted?, reference?}. Encrypted files
// have services [] and servicesEncrypted "<b64 ciphertext‖16-byte tag>:<b64 salt>:<b64 iv>", AES-256-GCM under
// PBKDF2-HMAC-SHA256(password, salt, 10,000 iterations, 32 bytes); `reference` is a fixed text encrypted the
// same way, which tells a wrong password from a damaged services field.
// Service: {name, secret, otp: {account, label, issuer, digits, period, algorithm, tokenType, counter}}.
import { aesGcmDecrypt, base64Field, decryptedJson, pbkdf2Key } from "./decrypt";
import { EntryCollector, entryRef, isRecord, type ParsedFile } from "./entries";
import { ImportStop } from "./limits";

const ITERATIONS = 10_000;
const MAX_SALT_BYTES = 1024;

export function isTwoFasFile(json: Record<string, unknown>): boolean {
  return (
    "schemaVersion" in json && (Array.isArray(json.services) || typeof json.servicesEncrypted === "string")
  );
}

function readServices(services: unknown, encrypted: boolean): ParsedFile {
  if (!Array.isArray(services)) throw new ImportStop("damaged");
  const collector = new EntryCollector("2fas", encrypted);
  for (const [index, service] of (services as unknown[]).entries()) {
    if (!isRecord(service)) {
      collector.skip(entryRef(index, "", ""), "unreadable");
      continue;
    }
    const otp = isRecord(service.otp) ? service.otp : {};
    const issuer = otp.issuer || service.name;
    const label = otp.account || otp.label;
    collector.add(entryRef(index, issuer, label), {
      type: otp.tokenType,
      issuer,
      label,
      secret: service.secret,
      algorithm: otp.algorithm,
      digits: otp.digits,
      period: otp.period,
      counter: otp.counter,
    });
  }
  return collector.result();
}

/** Decrypts one "data:salt:iv" field; null when the password does not open it. */
async function decryptField(field: unknown, password: string): Promise<Uint8Array | null> {
  const parts = typeof field === "string" ? field.split(":") : [];
  if (parts.length !== 3) throw new ImportStop("damaged");
  const [data, salt, iv] = parts.map(base64Field) as [Uint8Array, Uint8Array, Uint8Array];
  if (salt.length === 0 || salt.length > MAX_SALT_BYTES || iv.length !== 12) throw new ImportStop("damaged");
  const key = await pbkdf2Key(password, salt, ITERATIONS, "SHA-256");
  return aesGcmDecrypt(key, iv, data);
}

export async function parseTwoFasFile(json: Record<string, unknown>, password?: string): Promise<ParsedFile> {
  const version = json.schemaVersion;
  if (typeof version !== "number" || version < 1 || version > 4) throw new ImportStop("unknown-format");
  if (typeof json.servicesEncrypted !== "string") return readServices(json.services, false);
  if (!password) throw new ImportStop("needs-password");
  if (typeof json.reference === "string" && !(await decryptField(json.reference, password))) {
    throw new ImportStop("wrong-password");
  }
  const plain = await decryptField(json.servicesEncrypted, password);
  if (!plain) throw new ImportStop(typeof json.reference === "string" ? "damaged" : "wrong-password");
  return readServices(decryptedJson(plain), true);
}
