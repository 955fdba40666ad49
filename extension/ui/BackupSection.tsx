// Backup export (encrypted vault file, or a plain otpauth:// list after a warning), the recovery sheet, and the
// typed-confirmation reset, which offers the backup first when the vault is unlocked.
import { useState } from "preact/hooks";
import { send } from "../messaging";
import { t } from "./i18n";
import { RecoverySheetSection } from "./RecoverySheetSection";

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function BackupSection({ unlocked, onReset }: { unlocked: boolean; onReset: () => void }) {
  const [plainConfirmed, setPlainConfirmed] = useState(false);
  const [typed, setTyped] = useState("");
  const [message, setMessage] = useState("");
  const date = new Date().toISOString().slice(0, 10);

  async function exportAs(format: "encrypted" | "otpauth") {
    const result = await send({ type: "export", format });
    if ("locked" in result) return setMessage(t("unlockToSee"));
    download(
      result.text,
      format === "encrypted" ? `kosmo-authenticator-${date}.json` : `otpauth-${date}.txt`,
    );
    setMessage(t("exported"));
  }

  async function reset(event: Event) {
    event.preventDefault();
    const result = await send({ type: "reset", typed });
    setMessage(result.ok ? t("resetDone") : t("resetWrongWord", t("resetWord")));
    if (result.ok) onReset();
  }

  return (
    <>
      <section id="backup" aria-labelledby="s-backup">
        <h2 id="s-backup">{t("backup")}</h2>
        {!unlocked && <p>{t("unlockToSee")}</p>}
        {unlocked && (
          <>
            <p>{t("backupEncryptedNote")}</p>
            <button type="button" class="primary" onClick={() => void exportAs("encrypted")}>
              {t("backupEncrypted")}
            </button>
            <p class="warning">{t("backupPlainWarning")}</p>
            <label class="row">
              <input
                type="checkbox"
                checked={plainConfirmed}
                onChange={(e) => setPlainConfirmed(e.currentTarget.checked)}
              />
              {t("backupPlainConfirm")}
            </label>
            <button
              type="button"
              class="secondary"
              disabled={!plainConfirmed}
              onClick={() => void exportAs("otpauth")}
            >
              {t("backupPlain")}
            </button>
          </>
        )}
        <p role="status">{message}</p>
      </section>
      <RecoverySheetSection unlocked={unlocked} />
      <section id="reset" aria-labelledby="s-reset">
        <h2 id="s-reset">{t("reset")}</h2>
        <p class="warning">{t("resetWarning")}</p>
        {unlocked && <p>{t("resetBackupFirst")}</p>}
        <form class="row" onSubmit={reset}>
          <label for="reset-word">{t("resetType", t("resetWord"))}</label>
          <input id="reset-word" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
          <button type="submit" class="danger-button" disabled={!typed}>
            {t("resetButton")}
          </button>
        </form>
      </section>
    </>
  );
}
