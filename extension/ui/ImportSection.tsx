// Settings → インポート: moving in from another authenticator's backup file (otpauth:// lines, Google
// Authenticator otpauth-migration:// lines) or from our own encrypted backup, which asks for the password it
// was made with. The background writes the vault once; the summary says what was added and skipped.
import { useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import { type ImportResult, send } from "../messaging";
import { ImportSummary } from "./ImportSummary";

const MAX_FILE_BYTES = 2_000_000;

export function ImportSection({ unlocked, onImported }: { unlocked: boolean; onImported: () => void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Exclude<ImportResult, { status: "needs-password" }> | null>(null);

  async function run(content: string, backupPassword?: string) {
    setBusy(true);
    const answer = await send({ type: "import", text: content, password: backupPassword }).finally(() =>
      setBusy(false),
    );
    setNeedsPassword(answer.status === "needs-password" || answer.status === "wrong-password");
    setResult(answer.status === "needs-password" ? null : answer);
    if (answer.status === "imported" && answer.added > 0) onImported();
  }

  async function choose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ""; // choosing the same file again reads it again
    if (!file) return;
    setPassword("");
    if (file.size > MAX_FILE_BYTES) return setResult({ status: "error", error: "too-large" });
    const content = await file.text();
    setText(content);
    await run(content);
  }

  async function submitPassword(event: Event) {
    event.preventDefault();
    await run(text, password);
    setPassword("");
  }

  return (
    <section id="import" aria-labelledby="s-import">
      <h2 id="s-import">{t("importTitle")}</h2>
      {!unlocked && <p>{t("unlockToSee")}</p>}
      {unlocked && (
        <>
          <p class="small">{t("importNote")}</p>
          <button type="button" class="secondary" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t("importFile")}
          </button>
          <input
            ref={fileInput}
            id="import-file"
            class="visually-hidden"
            type="file"
            accept=".txt,.json,text/plain,application/json"
            tabIndex={-1}
            aria-label={t("importFile")}
            onChange={(e) => void choose(e)}
          />
          {needsPassword && (
            <form class="row" onSubmit={(e) => void submitPassword(e)}>
              <label for="import-password">{t("importPassword")}</label>
              <input
                id="import-password"
                type="password"
                autocomplete="off"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
              <button type="submit" class="primary" disabled={!password || busy}>
                {t("importPasswordButton")}
              </button>
            </form>
          )}
          <div role="status">
            {busy && <p>{t("importReading")}</p>}
            {result && <ImportSummary result={result} />}
          </div>
        </>
      )}
    </section>
  );
}
