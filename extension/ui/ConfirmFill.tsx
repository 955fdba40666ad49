// Origin binding: before filling a code into a site the account does not belong to, say which site it
// belongs to and ask; an account bound to no site yet is asked about too, naming the page's site, with the
// offer to bind it there (then the next fill there is one action, and other sites ask).
import type { Account } from "../accounts/account";
import { t } from "../i18n";
import { useFocusOnMount } from "./use-focus-on-mount";

interface Props {
  account: Account;
  accountOrigin?: string;
  pageOrigin: string;
  /** `bind`: bind the (unbound) account to the page's site, then fill. */
  onConfirm: (bind: boolean) => void;
  onCancel: () => void;
}

export function ConfirmFill({ account, accountOrigin, pageOrigin, onConfirm, onCancel }: Props) {
  const cancel = useFocusOnMount<HTMLButtonElement>(); // the safe choice is the one under the keyboard
  const name = account.issuer || account.label;
  if (!accountOrigin) {
    return (
      <section
        class="panel"
        role="alertdialog"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-text"
      >
        <h1 id="confirm-title">{t("confirmBindTitle")}</h1>
        <p id="confirm-text">{t("confirmBindText", name, pageOrigin)}</p>
        <button type="button" class="primary" onClick={() => onConfirm(true)}>
          {t("confirmBindFill")}
        </button>
        <button type="button" class="secondary" onClick={() => onConfirm(false)}>
          {t("confirmFillOnce")}
        </button>
        <button ref={cancel} type="button" class="link" onClick={onCancel}>
          {t("cancel")}
        </button>
      </section>
    );
  }
  return (
    <section class="panel" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
      <h1 id="confirm-title">{t("confirmFillTitle")}</h1>
      <p id="confirm-text" class="warning">
        {t("confirmFillText", name, accountOrigin, pageOrigin)}
      </p>
      <button ref={cancel} type="button" class="secondary" onClick={onCancel}>
        {t("cancel")}
      </button>
      <button type="button" class="danger-button" onClick={() => onConfirm(false)}>
        {t("confirmFillAnyway")}
      </button>
    </section>
  );
}
