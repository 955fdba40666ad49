// What an import did, or why a file was refused, in plain words (a refused file changed nothing). Callers put it
// inside a live region that is always present (ImportSection) or announce the count themselves (the popup).

import { type MessageKey, t } from "../i18n";
import type { ImportDoneResult, ImportRefusal, ImportRefused } from "../import/result";

const REFUSAL_MESSAGES: Record<ImportRefusal, MessageKey> = {
  locked: "importError_locked",
  empty: "importError_empty",
  "too-large": "importError_too_large",
  "unknown-format": "importError_unknown_format",
  damaged: "importError_damaged",
  "too-many-accounts": "importError_too_many_accounts",
  "vault-full": "importError_vault_full",
  "kdf-too-costly": "importError_kdf_too_costly",
  "unsupported-encryption": "importError_unsupported_encryption",
  expired: "importError_expired",
  changed: "importError_changed",
};

export function RefusalMessage({ result }: { result: ImportRefused }) {
  return (
    <p class="error" role="alert">
      {t(REFUSAL_MESSAGES[result.reason], (result.limit ?? 0).toLocaleString("en-US"))}
    </p>
  );
}

export function ImportSummary({ result }: { result: ImportDoneResult }) {
  if (result.status === "refused") return <RefusalMessage result={result} />;
  return (
    <div class="import-summary">
      <p class={result.added > 0 ? "success" : undefined}>{t("importAdded", result.added)}</p>
      {result.replaced > 0 && <p class="success">{t("importReplaced", result.replaced)}</p>}
      {(result.passkeys ?? 0) > 0 && <p class="success">{t("importPasskeysAdded", result.passkeys ?? 0)}</p>}
      {result.skipped > 0 && <p>{t("importSkipped", result.skipped)}</p>}
    </div>
  );
}
