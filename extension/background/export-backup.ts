// Backup export: the encrypted envelope as it is stored (needs the master password to read), or a plain
// list of otpauth:// URIs (readable by any authenticator): that one only after the master password is typed
// again and checked against the vault, throttled like unlock (an unlocked PC left alone must not hand out
// every secret with a checkbox).
import { formatOtpauthUri } from "../../shared/otpauth";
import { recordBackup } from "../accounts/backup-reminder";
import { BACKUP_FORMAT } from "../import/kosmo-backup";
import type { ExportResult, RequestOf } from "../messaging";
import { readStored } from "../vault/stored-values";
import { confirmMasterPassword, readVault, VAULT_STORAGE_KEY } from "../vault/vault-store";

export async function exportBackup(request: RequestOf<"export">): Promise<ExportResult> {
  const data = await readVault();
  if (!data) return { locked: true };
  if (request.format === "otpauth") {
    const confirmed = await confirmMasterPassword(request.password);
    if (!confirmed.ok) return confirmed;
    await recordBackup();
    return { text: `${data.accounts.map(formatOtpauthUri).join("\n")}\n` };
  }
  const envelope = await readStored("local", VAULT_STORAGE_KEY);
  await recordBackup();
  return { text: JSON.stringify({ format: BACKUP_FORMAT, envelope }, null, 2) };
}
