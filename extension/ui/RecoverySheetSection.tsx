// Settings → リカバリーシート: the master password typed again, then the background opens the printable sheet
// of every account in a new tab (background/recovery-sheet.ts).
import { useState } from "preact/hooks";
import { t } from "../i18n";
import { send } from "../messaging";

export function RecoverySheetSection({ unlocked }: { unlocked: boolean }) {
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState("");

  async function open(event: Event) {
    event.preventDefault();
    setMessage(t("working"));
    const result = await send({ type: "open-recovery-sheet", password });
    setPassword("");
    if (result.ok) return setMessage(t("sheetOpened"));
    if (result.reason === "locked") return setMessage(t("unlockToSee"));
    if (result.reason === "throttled")
      return setMessage(t("errorThrottled", Math.ceil(result.waitMs / 1000)));
    setMessage(t("errorWrongPassword"));
  }

  return (
    <section id="recovery-sheet" aria-labelledby="s-sheet">
      <h2 id="s-sheet">{t("sheetTitle")}</h2>
      <p>{t("sheetNote")}</p>
      {!unlocked && <p>{t("unlockToSee")}</p>}
      {unlocked && (
        <form class="row" onSubmit={open}>
          <label for="sheet-password">{t("sheetPassword")}</label>
          <input
            id="sheet-password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={!password}>
            {t("sheetOpen")}
          </button>
        </form>
      )}
      <p role="status">{message}</p>
    </section>
  );
}
