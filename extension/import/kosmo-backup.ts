// Our own encrypted backup (background/export-backup.ts): {format: "kosmo-authenticator-vault", envelope}, the
// vault's Argon2id + AES-256-GCM envelope as stored. An imported envelope is bounded more tightly than the
// vault's own (IMPORT_KDF_LIMITS): a file must not make us derive with 1 GiB and 20 passes.
import { parseEnvelope } from "../vault/envelope";
import { openWithPassword } from "../vault/vault-store";
import { EntryCollector, entryRef, isRecord, type ParsedFile } from "./entries";
import { checkArgon2Params, ImportStop } from "./limits";

/** Names our encrypted backup file (background/export-backup.ts writes it). */
export const BACKUP_FORMAT = "kosmo-authenticator-vault";

export function isKosmoBackup(json: Record<string, unknown>): boolean {
  return json.format === BACKUP_FORMAT;
}

export async function parseKosmoBackup(
  json: Record<string, unknown>,
  password?: string,
): Promise<ParsedFile> {
  // The cost is judged on the raw numbers first, so that a 1 GiB request is named as such, not as damage.
  const kdf = isRecord(json.envelope) && isRecord(json.envelope.kdf) ? json.envelope.kdf : {};
  checkArgon2Params(Number(kdf.memoryKiB), Number(kdf.iterations));
  let envelope: ReturnType<typeof parseEnvelope>;
  try {
    envelope = parseEnvelope(json.envelope);
  } catch {
    throw new ImportStop("damaged");
  }
  if (!password) throw new ImportStop("needs-password");
  let opened: Awaited<ReturnType<typeof openWithPassword>>;
  try {
    opened = await openWithPassword(envelope, password);
  } catch {
    throw new ImportStop("damaged");
  }
  if (!opened) throw new ImportStop("wrong-password");
  const collector = new EntryCollector("kosmo", true);
  opened.data.accounts.forEach(({ id: _id, createdAt: _createdAt, origin, ...params }, index) => {
    collector.add(entryRef(index, params.issuer, params.label), params, origin);
  });
  const passkeys = opened.data.passkeys ?? [];
  if (passkeys.length === 0) return collector.result();
  // A backup holding only passkeys is not empty.
  if (opened.data.accounts.length === 0) {
    return { format: "kosmo", encrypted: true, candidates: [], skipped: [], passkeys };
  }
  return { ...collector.result(), passkeys };
}
