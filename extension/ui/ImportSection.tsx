// Settings → インポート: moving in from another authenticator's backup file (Aegis, 2FAS, andOTP, the Chrome
// "Authenticator" extension, Bitwarden, otpauth:// and Google Authenticator lines) or from our own encrypted
// backup. The file is read by the background (asking for its password when it has one), a preview says what
// would be added, replaced and left out, and only 「取り込む」 writes it, in one vault write.
import { useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import { MAX_IMPORT_BYTES } from "../import/limits";
import type { ImportDoneResult, ImportFormat, ImportPreviewResult } from "../import/result";
import { send } from "../messaging";
import { toBase64 } from "../vault/bytes";
import { formatName, ImportPreview } from "./ImportPreview";
import { ImportSummary, RefusalMessage } from "./ImportSummary";

type Step =
  | { kind: "idle" }
  | { kind: "password"; format: ImportFormat; wrong: boolean }
  | { kind: "preview"; preview: Extract<ImportPreviewResult, { status: "preview" }> }
  | { kind: "refused"; result: Extract<ImportPreviewResult, { status: "refused" }> }
  | { kind: "done"; result: ImportDoneResult };

export function ImportSection({ unlocked, onImported }: { unlocked: boolean; onImported: () => void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>({ kind: "idle" });

  async function read(content: string, filePassword?: string) {
    setBusy(true);
    const answer = await send({ type: "import-preview", file: content, password: filePassword }).finally(() =>
      setBusy(false),
    );
    if (answer.status === "preview") setStep({ kind: "preview", preview: answer });
    else if (answer.status === "refused") setStep({ kind: "refused", result: answer });
    else setStep({ kind: "password", format: answer.format, wrong: answer.status === "wrong-password" });
  }

  async function choose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const chosen = input.files?.[0];
    input.value = ""; // choosing the same file again reads it again
    if (!chosen) return;
    setPassword("");
    if (chosen.size > MAX_IMPORT_BYTES)
      return setStep({ kind: "refused", result: { status: "refused", reason: "too-large" } });
    const content = toBase64(new Uint8Array(await chosen.arrayBuffer()));
    setFile(content);
    await read(content);
  }

  async function submitPassword(event: Event) {
    event.preventDefault();
    await read(file, password);
    setPassword("");
  }

  async function confirm(id: string) {
    setBusy(true);
    const result = await send({ type: "import-confirm", id }).finally(() => setBusy(false));
    setStep({ kind: "done", result });
    setFile("");
    if (result.status === "imported" && result.added + result.replaced > 0) onImported();
  }

  function cancel() {
    setStep({ kind: "idle" });
    setFile("");
  }

  const passwordLabel = (format: ImportFormat) =>
    format === "kosmo" ? t("importPassword") : t("importPasswordFor", formatName(format));

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
            accept=".txt,.json,.2fas,.aes,text/plain,application/json"
            tabIndex={-1}
            aria-label={t("importFile")}
            onChange={(e) => void choose(e)}
          />
          {step.kind === "password" && (
            <form class="row" onSubmit={(e) => void submitPassword(e)}>
              <label for="import-password">{passwordLabel(step.format)}</label>
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
            {step.kind === "password" && step.wrong && (
              <p class="error" role="alert">
                {step.format === "kosmo"
                  ? t("importWrongPassword")
                  : t("importWrongPasswordFor", formatName(step.format))}
              </p>
            )}
            {step.kind === "refused" && <RefusalMessage result={step.result} />}
            {step.kind === "done" && <ImportSummary result={step.result} />}
          </div>
          {step.kind === "preview" && (
            <ImportPreview
              preview={step.preview}
              busy={busy}
              onConfirm={() => void confirm(step.preview.id)}
              onCancel={cancel}
            />
          )}
        </>
      )}
    </section>
  );
}
