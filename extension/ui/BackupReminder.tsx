// The popup's backup reminder (accounts/backup-reminder.ts decides when): a button to each way of keeping the
// accounts safe, both on the settings page.
import { t } from "../i18n";

interface Props {
  onBackup: () => void;
  onSheet: () => void;
  onClose: () => void;
}

export function BackupReminder({ onBackup, onSheet, onClose }: Props) {
  return (
    <section class="reminder" aria-labelledby="reminder-title">
      <p id="reminder-title">{t("reminderText")}</p>
      <div class="reminder-actions">
        <button type="button" class="primary" onClick={onBackup}>
          {t("backupNow")}
        </button>
        <button type="button" class="secondary" onClick={onSheet}>
          {t("reminderSheet")}
        </button>
        <button type="button" class="link" onClick={onClose}>
          {t("reminderLater")}
        </button>
      </div>
    </section>
  );
}
