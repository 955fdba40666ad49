// The four ways to add an account, named exactly as the member guide names them, plus pasting an image or
// an otpauth:// URI anywhere in the panel.
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import { type AddResult, send } from "../messaging";
import { ManualForm } from "./ManualForm";

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function AddPanel({ onResult, onCancel }: { onResult: (r: AddResult) => void; onCancel: () => void }) {
  const [busy, setBusy] = useState("");
  const [manual, setManual] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  async function run(label: string, action: () => Promise<AddResult>) {
    setBusy(label);
    const result = await action();
    setBusy("");
    if (result.status === "region-started") window.close();
    else onResult(result);
  }

  async function scanFile(file: Blob | undefined | null) {
    if (file) await run("file", async () => send({ type: "scan-image", dataUrl: await readAsDataUrl(file) }));
  }

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const image = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
      const text = event.clipboardData?.getData("text") ?? "";
      if (image) void scanFile(image);
      else if (/^otpauth/i.test(text.trim()))
        void run("uri", () => send({ type: "add-uri", text, mode: "ask" }));
      else return;
      event.preventDefault();
    };
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  });

  if (manual) return <ManualForm onResult={onResult} onCancel={() => setManual(false)} />;

  return (
    <section class="panel" aria-labelledby="add-title">
      <h1 id="add-title">{t("addTitle")}</h1>
      <div class="add-methods">
        <button
          type="button"
          class="method"
          disabled={!!busy}
          onClick={() => run("visible", () => send({ type: "scan-visible" }))}
        >
          <span class="method-name">{t("addScanVisible")}</span>
          <span class="method-hint">{t("addScanVisibleHint")}</span>
        </button>
        <button
          type="button"
          class="method"
          disabled={!!busy}
          onClick={() => run("region", () => send({ type: "scan-region" }))}
        >
          <span class="method-name">{t("addScanRegion")}</span>
          <span class="method-hint">{t("addScanRegionHint")}</span>
        </button>
        <button type="button" class="method" disabled={!!busy} onClick={() => fileInput.current?.click()}>
          <span class="method-name">{t("addImageFile")}</span>
          <span class="method-hint">{t("addImageFileHint")}</span>
        </button>
        <input
          ref={fileInput}
          class="visually-hidden"
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          tabIndex={-1}
          aria-label={t("addImageFile")}
          onChange={(e) => void scanFile(e.currentTarget.files?.[0])}
        />
        <button type="button" class="method" disabled={!!busy} onClick={() => setManual(true)}>
          <span class="method-name">{t("addManual")}</span>
          <span class="method-hint">{t("addManualHint")}</span>
        </button>
      </div>
      <p class="small" aria-live="polite">
        {busy ? t("scanning") : t("pasteHint")}
      </p>
      <button type="button" class="secondary" onClick={onCancel}>
        {t("back")}
      </button>
    </section>
  );
}
