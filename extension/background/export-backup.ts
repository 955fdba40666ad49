// Backup export: the encrypted envelope as it is stored (needs the master password to read), or a plain
// list of otpauth:// URIs (readable by any authenticator; the UI warns before producing it).
import { browser } from "wxt/browser";
import { formatOtpauthUri } from "../../shared/otpauth";
import { recordBackup } from "../accounts/backup-reminder";
import { BACKUP_FORMAT } from "../import/kosmo-backup";
import { readVault, VAULT_STORAGE_KEY } from "../vault/vault-store";

export async function exportBackup(
  format: "encrypted" | "otpauth",
): Promise<{ text: string } | { locked: true }> {
  const data = await readVault();
  if (!data) return { locked: true };
  await recordBackup();
  if (format === "otpauth") return { text: `${data.accounts.map(formatOtpauthUri).join("\n")}\n` };
  const envelope = (await browser.storage.local.get(VAULT_STORAGE_KEY))[VAULT_STORAGE_KEY];
  return { text: JSON.stringify({ format: BACKUP_FORMAT, envelope }, null, 2) };
}
