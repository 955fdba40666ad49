// Bitwarden's JSON export (unencrypted): {encrypted: false, folders, items: [{type: 1, name, login: {username,
// totp}}]}. `login.totp` is a bare base32 key, an otpauth:// URI or a steam:// key (Steam is not supported).
// Logins without a totp are not accounts and are not listed. Encrypted exports are refused with a reason.
import { parseOtpauthUri } from "../../shared/otpauth";
import { EntryCollector, entryRef, isRecord, type ParsedFile, skipReasonOf } from "./entries";
import { ImportStop } from "./limits";

const LOGIN_ITEM = 1;

export function isBitwardenFile(json: Record<string, unknown>): boolean {
  return (
    typeof json.encrypted === "boolean" &&
    (Array.isArray(json.items) || "encKeyValidation_DO_NOT_EDIT" in json)
  );
}

export function parseBitwardenFile(json: Record<string, unknown>): ParsedFile {
  if (json.encrypted !== false) throw new ImportStop("unsupported-encryption");
  if (!Array.isArray(json.items)) throw new ImportStop("damaged");
  const collector = new EntryCollector("bitwarden", false);
  for (const [index, item] of (json.items as unknown[]).entries()) {
    if (!isRecord(item) || item.type !== LOGIN_ITEM || !isRecord(item.login)) continue;
    const totp = item.login.totp;
    if (typeof totp !== "string" || totp.trim() === "") continue;
    const ref = entryRef(index, item.name, item.login.username);
    const value = totp.trim();
    if (/^steam:\/\//i.test(value)) {
      collector.skip(ref, "unsupported-type", "steam");
      continue;
    }
    if (!/^otpauth:/i.test(value)) {
      collector.add(ref, { issuer: item.name, label: item.login.username, secret: value });
      continue;
    }
    const parsed = parseOtpauthUri(value);
    if (!parsed.ok) {
      collector.skip(ref, skipReasonOf(parsed.error.code), parsed.error.found);
      continue;
    }
    const account = parsed.account;
    collector.add(ref, {
      ...account,
      issuer: account.issuer || item.name,
      label: account.label || item.login.username,
    });
  }
  return collector.result();
}
