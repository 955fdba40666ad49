// A text file of otpauth:// URIs, one per line (the Chrome "Authenticator" extension's standard backup, our
// plain export), and Google Authenticator export texts (otpauth-migration://, one line may hold many
// accounts). Blank lines and lines starting with # are ignored; every other line is an entry named by its
// number.
import { parseOtpauthUri } from "../../shared/otpauth";
import { parseMigrationUri } from "../../shared/otpauth-migration";
import { EntryCollector, type ParsedFile, skipReasonOf } from "./entries";
import { ImportStop, MAX_ACCOUNTS_PER_IMPORT, MAX_FILE_ENTRIES } from "./limits";

const lineRef = (line: number, issuer = "", label = "") => ({ at: line, byLine: true, issuer, label });

function readLine(text: string, line: number, collector: EntryCollector): void {
  if (/^otpauth-migration:/i.test(text)) {
    const migration = parseMigrationUri(text);
    if (!migration.ok) {
      collector.skip(lineRef(line), "unreadable", migration.error.code);
      return;
    }
    for (const account of migration.accounts) collector.add(lineRef(line), account);
    for (const { issuer, label, reason, found } of migration.skipped) {
      collector.skip(lineRef(line, issuer, label), reason, found);
    }
    return;
  }
  const parsed = parseOtpauthUri(text);
  if (parsed.ok) collector.add(lineRef(line), parsed.account);
  else collector.skip(lineRef(line), skipReasonOf(parsed.error.code), parsed.error.found);
}

/** True when some line of `text` is an otpauth:// or otpauth-migration:// URI. */
export function hasOtpauthLines(text: string): boolean {
  return /^\s*otpauth(-migration)?:/im.test(text);
}

export function parseOtpauthLines(text: string): ParsedFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length > MAX_FILE_ENTRIES) throw new ImportStop("too-many-accounts", MAX_ACCOUNTS_PER_IMPORT);
  const collector = new EntryCollector("otpauth", false);
  lines.forEach((raw, index) => {
    const text = raw.trim();
    if (text && !text.startsWith("#")) readLine(text, index + 1, collector);
  });
  return collector.result();
}
