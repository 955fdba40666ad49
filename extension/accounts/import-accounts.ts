// Moving in from other authenticators: a text file of otpauth:// URIs, one per line (the Chrome
// "Authenticator" extension's standard backup and our own plain export), Google Authenticator export texts
// (otpauth-migration://, one line may hold many accounts), or the accounts of our own encrypted backup.
// Pure: parsing names every line it could not use; merging adds the new accounts in one list and names the
// lines skipped as duplicates (of the vault or of an earlier line of the same file).

import { type OtpauthErrorCode, parseOtpauthUri } from "../../shared/otpauth";
import { parseMigrationUri } from "../../shared/otpauth-migration";
import type { OtpParameters } from "../../shared/types";
import { type Account, isDuplicate, newAccount } from "./account";

/** One account to import, with the line (or, for a backup file, the entry number) it came from. */
export interface ImportCandidate {
  line: number;
  params: OtpParameters;
  origin?: string;
}

export interface InvalidLine {
  line: number;
  code: OtpauthErrorCode;
}

export interface ParsedImport {
  candidates: ImportCandidate[];
  invalid: InvalidLine[];
  /** Entries of a Google Authenticator export we cannot use (e.g. MD5, 7 digits), counted by the parser. */
  unusable: number;
}

export interface ImportReport {
  added: number;
  duplicates: number[];
  invalid: InvalidLine[];
  unusable: number;
}

export const MAX_IMPORT_LINES = 5000;

function parseLine(text: string, line: number, into: ParsedImport): void {
  if (/^otpauth-migration:/i.test(text)) {
    const migration = parseMigrationUri(text);
    if (!migration.ok) {
      into.invalid.push({ line, code: migration.error.code === "empty" ? "empty" : "malformed" });
      return;
    }
    into.candidates.push(...migration.accounts.map((params) => ({ line, params })));
    into.unusable += migration.skipped;
    return;
  }
  const parsed = parseOtpauthUri(text);
  if (parsed.ok) into.candidates.push({ line, params: parsed.account });
  else into.invalid.push({ line, code: parsed.error.code });
}

/** Every non-empty line is one URI; lines starting with # are comments. */
export function parseImportText(text: string): ParsedImport {
  const parsed: ParsedImport = { candidates: [], invalid: [], unusable: 0 };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length > MAX_IMPORT_LINES) throw new Error("too many lines");
  lines.forEach((raw, index) => {
    const text = raw.trim();
    if (text && !text.startsWith("#")) parseLine(text, index + 1, parsed);
  });
  return parsed;
}

/** The vault's list with every candidate that is not already there appended, in file order. */
export function mergeImport(
  accounts: Account[],
  candidates: ImportCandidate[],
  now = Date.now(),
): { accounts: Account[]; added: number; duplicates: number[] } {
  const next = [...accounts];
  const duplicates: number[] = [];
  for (const { line, params, origin } of candidates) {
    if (next.some((a) => isDuplicate(a, params))) duplicates.push(line);
    else next.push(newAccount(params, origin, now));
  }
  return { accounts: next, added: next.length - accounts.length, duplicates };
}
