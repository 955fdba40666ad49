// Backup export (encrypted vault file, or a plain otpauth:// list after a warning and the master password
// typed again), the recovery sheet, and the typed-confirmation reset, which offers the backup first when the
// vault is unlocked.
import { useState } from "preact/hooks";
import { t } from "../i18n";
import { send } from "../messaging";
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
  const [password, setPassword] = useState("");
  const [typed, setTyped] = useState("");
  const [message, setMessage] = useState("");
  const date = new Date().toISOString().slice(0, 10);

  async function exportEncrypted() {
    const result = await send({ type: "export", format: "encrypted" });
    if (!("text" in result)) return setMessage(t("unlockToSee"));
    download(result.text, `kosmo-authenticator-${date}.json`);
    setMessage(t("exported"));
  }

  async function exportPlain(event: Event) {
    event.preventDefault();
    const result = await send({ type: "export", format: "otpauth", password });
    setPassword("");
    if ("text" in result) {
      download(result.text, `otpauth-${date}.txt`);
      return setMessage(t("exported"));
    }
    if ("locked" in result) return setMessage(t("unlockToSee"));
    const seconds = Math.ceil(result.waitMs / 1000);
    if (result.reason === "throttled") return setMessage(t("errorThrottled", seconds));
    setMessage(
      seconds > 0 ? `${t("errorWrongPassword")} ${t("errorThrottled", seconds)}` : t("errorWrongPassword"),
    );
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
            <button type="button" class="primary" onClick={() => void exportEncrypted()}>
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
            {plainConfirmed && (
              <form class="row" onSubmit={(e) => void exportPlain(e)}>
                <label for="plain-password">{t("backupPlainPassword")}</label>
                <input
                  id="plain-password"
                  type="password"
                  autocomplete="current-password"
                  value={password}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
                <button type="submit" class="secondary" disabled={!password}>
                  {t("backupPlain")}
                </button>
              </form>
            )}
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
