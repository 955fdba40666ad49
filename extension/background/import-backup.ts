// Import on the settings page: a text file of otpauth:// / otpauth-migration:// lines, or our own encrypted
// backup (export-backup.ts) opened with the password it was made with. Whatever the file holds, the vault is
// written once (updateVault: one storage.local.set) or not at all; the report names the lines it skipped.
import {
  type ImportCandidate,
  MAX_IMPORT_LINES,
  mergeImport,
  type ParsedImport,
  parseImportText,
} from "../accounts/import-accounts";
import type { ImportResult } from "../messaging";
import { parseEnvelope } from "../vault/envelope";
import { isUnlocked, openWithPassword, readVault, updateVault } from "../vault/vault-store";
import { BACKUP_FORMAT } from "./export-backup";

/** Large enough for thousands of accounts; a bigger "backup" is not one. */
export const MAX_IMPORT_CHARS = 2_000_000;

/** The envelope of our own encrypted backup file, or undefined when the text is something else. */
function backupEnvelope(text: string): unknown {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const file = JSON.parse(text) as { format?: unknown; envelope?: unknown };
    return file?.format === BACKUP_FORMAT ? (file.envelope ?? null) : null;
  } catch {
    return null;
  }
}

/** The backup's accounts (entry numbers for "lines"), or null when the password does not open it. */
async function openBackup(stored: unknown, password: string): Promise<ParsedImport | null> {
  const opened = await openWithPassword(parseEnvelope(stored), password);
  if (!opened) return null;
  const candidates: ImportCandidate[] = opened.data.accounts.map(
    ({ id: _id, createdAt: _createdAt, origin, ...params }, index) => ({ line: index + 1, params, origin }),
  );
  return { candidates, invalid: [], unusable: 0 };
}

async function parseFile(text: string, password: string | undefined): Promise<ImportResult | ParsedImport> {
  const envelope = backupEnvelope(text);
  if (envelope === undefined) return parseImportText(text);
  if (envelope === null) return { status: "error", error: "bad-file" };
  if (!password) return { status: "needs-password" };
  try {
    return (await openBackup(envelope, password)) ?? { status: "wrong-password" };
  } catch {
    return { status: "error", error: "bad-file" };
  }
}

export async function importBackup(text: string, password?: string): Promise<ImportResult> {
  if (!(await isUnlocked())) return { status: "error", error: "locked" };
  if (text.length > MAX_IMPORT_CHARS || text.split("\n").length > MAX_IMPORT_LINES) {
    return { status: "error", error: "too-large" };
  }
  const parsed = await parseFile(text, password);
  if ("status" in parsed) return parsed;
  const { candidates, invalid, unusable } = parsed;
  if (candidates.length === 0 && invalid.length === 0) return { status: "error", error: "empty" };
  if (candidates.length === 0) {
    const accounts = (await readVault())?.accounts ?? [];
    return { status: "imported", added: 0, duplicates: [], invalid, unusable, accounts };
  }
  const merged = await updateVault((data) => {
    const next = mergeImport(data.accounts, candidates);
    return { data: { accounts: next.accounts }, result: next };
  });
  const { added, duplicates, accounts } = merged;
  return { status: "imported", added, duplicates, invalid, unusable, accounts };
}
