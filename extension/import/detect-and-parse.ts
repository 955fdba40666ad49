// The one entry to every import format: recognises the file from its content (never its name) and reads it
// with the format's own module into accounts and named skipped entries. A file that cannot be read as a whole
// (wrong or missing password, damaged, too large, too costly) ends in an ImportStop and yields nothing.
import { isAegisFile, parseAegisFile } from "./aegis";
import { isAndOtpList, looksLikeAndOtpEncrypted, parseAndOtpEncrypted, parseAndOtpList } from "./andotp";
import { isAuthenticatorFile, parseAuthenticatorFile } from "./authenticator-extension";
import { isBitwardenFile, parseBitwardenFile } from "./bitwarden";
import { isRecord, type ParsedFile } from "./entries";
import { isKosmoBackup, parseKosmoBackup } from "./kosmo-backup";
import { ImportStop, MAX_IMPORT_BYTES } from "./limits";
import { hasOtpauthLines, parseOtpauthLines } from "./otpauth-lines";
import type { ImportFormat } from "./result";
import { isTwoFasFile, parseTwoFasFile } from "./two-fas";

export type { ParsedFile } from "./entries";

function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
}

type JsonFormat = {
  format: ImportFormat;
  matches: (json: Record<string, unknown>) => boolean;
  parse: (json: Record<string, unknown>, password?: string) => ParsedFile | Promise<ParsedFile>;
};

/** In order: the first format whose marks the file has reads it. */
const JSON_FORMATS: JsonFormat[] = [
  { format: "kosmo", matches: isKosmoBackup, parse: parseKosmoBackup },
  { format: "aegis", matches: isAegisFile, parse: parseAegisFile },
  { format: "2fas", matches: isTwoFasFile, parse: parseTwoFasFile },
  { format: "bitwarden", matches: isBitwardenFile, parse: parseBitwardenFile },
  { format: "authenticator", matches: isAuthenticatorFile, parse: parseAuthenticatorFile },
];

/** Runs a format's parser, labelling its stop with the format (the page names it when asking for a password). */
async function asFormat(
  format: ImportFormat,
  parse: () => ParsedFile | Promise<ParsedFile>,
): Promise<ParsedFile> {
  try {
    return await parse();
  } catch (error) {
    if (error instanceof ImportStop) error.format = format;
    throw error;
  }
}

async function parseJson(text: string, password: string | undefined): Promise<ParsedFile> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportStop("damaged"); // e.g. a JSON backup cut short
  }
  if (Array.isArray(json) && isAndOtpList(json)) return asFormat("andotp", () => parseAndOtpList(json));
  if (!isRecord(json)) throw new ImportStop("unknown-format");
  const known = JSON_FORMATS.find(({ matches }) => matches(json));
  if (!known) throw new ImportStop("unknown-format");
  return asFormat(known.format, () => known.parse(json, password));
}

/** Reads an import file; throws ImportStop when the file as a whole cannot be imported. */
export async function detectAndParse(bytes: Uint8Array, password?: string): Promise<ParsedFile> {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportStop("too-large");
  const text = utf8Text(bytes);
  if (text !== null) {
    const trimmed = text.trim();
    const lines = trimmed.split(/\r?\n/);
    if (lines.every((line) => line.trim() === "" || line.trim().startsWith("#")))
      throw new ImportStop("empty");
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) return parseJson(trimmed, password);
    if (hasOtpauthLines(text)) return parseOtpauthLines(text);
  }
  if (looksLikeAndOtpEncrypted(bytes)) return asFormat("andotp", () => parseAndOtpEncrypted(bytes, password));
  throw new ImportStop("unknown-format");
}
