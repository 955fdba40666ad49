// What happened after an add: 追加されました。 with the new code and the guided next steps (fill the code into
// the page that showed the QR, then make a backup); or "already there: keep both / replace"; or an error that
// names what was found; or a Google Authenticator export: "N accounts, add them all?".
import { generateCode, groupCode, secondsRemaining } from "../../shared/totp";
import { type MessageKey, t } from "../i18n";
import type { AddErrorCode, AddResult } from "../messaging";
import type { AccountActions } from "./AccountItem";
import { CountdownRing } from "./CountdownRing";

const ADD_ERRORS: Record<AddErrorCode, MessageKey> = {
  empty: "addError_empty",
  "not-otpauth": "addError_not_otpauth",
  "is-url": "addError_is_url",
  "is-migration": "addError_is_migration",
  malformed: "addError_malformed",
  "unsupported-type": "addError_unsupported_type",
  "bad-secret": "addError_bad_secret",
  "bad-digits": "addError_bad_digits",
  "bad-algorithm": "addError_bad_algorithm",
  "bad-period": "addError_bad_period",
  "bad-counter": "addError_bad_counter",
  "no-qr": "addError_no_qr",
  "capture-failed": "addError_capture_failed",
  "image-unreadable": "addError_image_unreadable",
  "no-page": "addError_no_page",
  locked: "addError_locked",
  "vault-full": "addError_vault_full",
};

import { useFocusOnMount } from "./use-focus-on-mount";

interface Props {
  result: Exclude<AddResult, { status: "region-started" }>;
  now: number;
  onFill: NonNullable<AccountActions["onFill"]>;
  onResolveDuplicate: (mode: "keep-both" | "replace") => void;
  /** Adds every account of a Google Authenticator export. */
  onImport: (text: string) => void;
  onDone: () => void;
  onBackup: () => void;
}

export function ResultView({ result, now, onFill, onResolveDuplicate, onImport, onDone, onBackup }: Props) {
  // Focus follows the view: the heading of the result or question, or 戻る after an error (read by role=alert).
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const back = useFocusOnMount<HTMLButtonElement>();
  if (result.status === "error") {
    return (
      <section class="panel">
        <p class="error" role="alert">
          {t(ADD_ERRORS[result.error], result.found || "—")}
        </p>
        <button ref={back} type="button" class="primary" onClick={onDone}>
          {t("back")}
        </button>
      </section>
    );
  }
  if (result.status === "duplicate") {
    const name = result.existing.issuer || result.existing.label;
    return (
      <section class="panel" role="alertdialog" aria-labelledby="dup-title">
        <h1 id="dup-title" ref={heading} tabIndex={-1}>
          {t("duplicateTitle")}
        </h1>
        <p>{t("duplicateText", name)}</p>
        <button type="button" class="primary" onClick={() => onResolveDuplicate("replace")}>
          {t("duplicateReplace")}
        </button>
        <button type="button" class="secondary" onClick={() => onResolveDuplicate("keep-both")}>
          {t("duplicateKeepBoth")}
        </button>
        <button type="button" class="link" onClick={onDone}>
          {t("cancel")}
        </button>
      </section>
    );
  }
  if (result.status === "migration") {
    return (
      <section class="panel" role="alertdialog" aria-labelledby="migration-title">
        <h1 id="migration-title" ref={heading} tabIndex={-1}>
          {t("migrationTitle")}
        </h1>
        <p>{t("migrationText", result.count)}</p>
        {result.skipped > 0 && <p class="warning">{t("importUnusable", result.skipped)}</p>}
        <button type="button" class="primary" onClick={() => onImport(result.text)}>
          {t("migrationAddAll", result.count)}
        </button>
        <button type="button" class="link" onClick={onDone}>
          {t("cancel")}
        </button>
      </section>
    );
  }
  const { account, tabId } = result;
  const remaining = secondsRemaining(account.period, now);
  return (
    <section class="panel" aria-labelledby="added-title">
      <h1 id="added-title" class="success" ref={heading} tabIndex={-1}>
        {t("added")}
      </h1>
      <div class="added-card">
        <div class="issuer">{account.issuer || account.label}</div>
        {account.issuer && <div class="label">{account.label}</div>}
        <div class="account-code">
          <span class="code big" data-code={generateCode(account, now)}>
            {groupCode(generateCode(account, now))}
          </span>
          {account.type === "totp" && <CountdownRing remaining={remaining} period={account.period} />}
        </div>
        {account.origin && <p class="small">{t("boundTo", account.origin)}</p>}
      </div>
      <ol class="steps">
        <li>{tabId !== undefined ? t("guideStepFill") : t("guideStepType")}</li>
        <li>{t("guideStepBackup")}</li>
      </ol>
      {tabId !== undefined && (
        <button type="button" class="primary fill-button" onClick={() => onFill(account)}>
          {t("fillIntoPage")}
        </button>
      )}
      <button type="button" class="secondary" onClick={onBackup}>
        {t("backupNow")}
      </button>
      <button type="button" class="link" onClick={onDone}>
        {t("done")}
      </button>
    </section>
  );
}
