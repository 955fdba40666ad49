// andOTP backup. Plain: a JSON list of {secret, issuer?, label, digits, type: TOTP|HOTP|STEAM, algorithm,
// period|counter}; without an issuer the label is "issuer - name". Encrypted (.json.aes, andOTP ≥ 0.6.3):
// int32 big-endian iterations ‖ 12-byte salt ‖ 12-byte nonce ‖ AES-256-GCM ciphertext ‖ 16-byte tag, the key
// being PBKDF2-HMAC-SHA1(password, salt, iterations, 32 bytes). The older format (key = SHA-256 of the
// password, no header) cannot be told from noise and is not read.
import { aesGcmDecrypt, decryptedJson, pbkdf2Key } from "./decrypt";
import { EntryCollector, entryRef, isRecord, type ParsedFile } from "./entries";
import { checkPbkdf2Iterations, ImportStop } from "./limits";

const HEADER_BYTES = 4 + 12 + 12;
const TAG_BYTES = 16;
/** Header values above this are not an andOTP file at all (e.g. a PNG starts 0x89504E47); up to it, too costly. */
const PLAUSIBLE_ITERATIONS = 100_000_000;

function splitLabel(entry: Record<string, unknown>): { issuer: unknown; label: unknown } {
  if (entry.issuer !== undefined && entry.issuer !== null && entry.issuer !== "") {
    return { issuer: entry.issuer, label: entry.label };
  }
  const label = typeof entry.label === "string" ? entry.label : "";
  const cut = label.indexOf(" - ");
  return cut < 0 ? { issuer: "", label } : { issuer: label.slice(0, cut), label: label.slice(cut + 3) };
}

export function parseAndOtpList(list: unknown[], encrypted = false): ParsedFile {
  const collector = new EntryCollector("andotp", encrypted);
  for (const [index, entry] of (list as unknown[]).entries()) {
    if (!isRecord(entry)) {
      collector.skip(entryRef(index, "", ""), "unreadable");
      continue;
    }
    const { issuer, label } = splitLabel(entry);
    collector.add(entryRef(index, issuer, label), {
      type: entry.type,
      issuer,
      label,
      secret: entry.secret,
      algorithm: entry.algorithm,
      digits: entry.digits,
      period: entry.period,
      counter: entry.counter,
    });
  }
  return collector.result();
}

/** An andOTP list is recognised by its entries: objects with a secret and a type. */
export function isAndOtpList(json: unknown[]): boolean {
  return json.length === 0 || (isRecord(json[0]) && "secret" in json[0] && "type" in json[0]);
}

function headerIterations(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
}

export function looksLikeAndOtpEncrypted(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_BYTES + TAG_BYTES) return false;
  const iterations = headerIterations(bytes);
  return iterations >= 1 && iterations <= PLAUSIBLE_ITERATIONS;
}

export async function parseAndOtpEncrypted(bytes: Uint8Array, password?: string): Promise<ParsedFile> {
  const iterations = checkPbkdf2Iterations(headerIterations(bytes));
  if (!password) throw new ImportStop("needs-password");
  const key = await pbkdf2Key(password, bytes.slice(4, 16), iterations, "SHA-1");
  // GCM cannot tell a wrong password from a truncated file; the password is the likelier cause.
  const plain = await aesGcmDecrypt(key, bytes.slice(16, HEADER_BYTES), bytes.slice(HEADER_BYTES));
  if (!plain) throw new ImportStop("wrong-password");
  const list = decryptedJson(plain);
  if (!Array.isArray(list)) throw new ImportStop("damaged");
  return parseAndOtpList(list, true);
}
