// What an import did, or why a file was refused, in plain words (a refused file changed nothing). Callers put it
// inside a live region that is always present (ImportSection) or announce the count themselves (the popup).
import type { ImportDoneResult, ImportRefused } from "../import/result";
import { t } from "./i18n";

export function RefusalMessage({ result }: { result: ImportRefused }) {
  return (
    <p class="error" role="alert">
      {t(`importError_${result.reason.replace(/-/g, "_")}`, (result.limit ?? 0).toLocaleString("en-US"))}
    </p>
  );
}

export function ImportSummary({ result }: { result: ImportDoneResult }) {
  if (result.status === "refused") return <RefusalMessage result={result} />;
  return (
    <div class="import-summary">
      <p class={result.added > 0 ? "success" : undefined}>{t("importAdded", result.added)}</p>
      {result.replaced > 0 && <p class="success">{t("importReplaced", result.replaced)}</p>}
      {result.skipped > 0 && <p>{t("importSkipped", result.skipped)}</p>}
    </div>
  );
}
