// What an import did, in plain words: how many accounts were added, which lines were skipped as duplicates
// and which could not be read (nothing of those was written). Callers put it inside a live region that is
// always present (ImportSection) or announce the count themselves (the popup).
import { type MessageKey, t } from "../i18n";
import type { ImportErrorCode, ImportResult } from "../messaging";

const IMPORT_ERRORS: Record<ImportErrorCode, MessageKey> = {
  locked: "importError_locked",
  empty: "importError_empty",
  "bad-file": "importError_bad_file",
  "too-large": "importError_too_large",
};

const SHOWN_LINES = 20;

function lineList(lines: number[]): string {
  const shown = lines.slice(0, SHOWN_LINES).join(", ");
  return lines.length > SHOWN_LINES ? `${shown}, …` : shown;
}

export function ImportSummary({ result }: { result: Exclude<ImportResult, { status: "needs-password" }> }) {
  if (result.status === "wrong-password") {
    return (
      <p class="error" role="alert">
        {t("importWrongPassword")}
      </p>
    );
  }
  if (result.status === "error") {
    return (
      <p class="error" role="alert">
        {t(IMPORT_ERRORS[result.error])}
      </p>
    );
  }
  const invalidLines = result.invalid.map((entry) => entry.line);
  return (
    <div class="import-summary">
      <p class={result.added > 0 ? "success" : undefined}>{t("importAdded", result.added)}</p>
      {result.duplicates.length > 0 && (
        <p>{t("importDuplicates", result.duplicates.length, lineList(result.duplicates))}</p>
      )}
      {invalidLines.length > 0 && (
        <p class="warning">{t("importInvalid", invalidLines.length, lineList(invalidLines))}</p>
      )}
      {result.unusable > 0 && <p class="warning">{t("importUnusable", result.unusable)}</p>}
    </div>
  );
}
