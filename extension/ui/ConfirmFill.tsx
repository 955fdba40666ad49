// Origin binding: before filling a code into a site the account does not belong to, say which site it
// belongs to and ask.
import type { Account } from "../accounts/account";
import { t } from "../i18n";
import { useFocusOnMount } from "./use-focus-on-mount";

interface Props {
  account: Account;
  accountOrigin?: string;
  pageOrigin?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmFill({ account, accountOrigin, pageOrigin, onConfirm, onCancel }: Props) {
  const cancel = useFocusOnMount<HTMLButtonElement>(); // the safe choice is the one under the keyboard
  return (
    <section class="panel" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
      <h1 id="confirm-title">{t("confirmFillTitle")}</h1>
      <p id="confirm-text" class="warning">
        {t("confirmFillText", account.issuer || account.label, accountOrigin ?? "—", pageOrigin ?? "—")}
      </p>
      <button ref={cancel} type="button" class="secondary" onClick={onCancel}>
        {t("cancel")}
      </button>
      <button type="button" class="danger-button" onClick={onConfirm}>
        {t("confirmFillAnyway")}
      </button>
    </section>
  );
}
