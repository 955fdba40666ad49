// Edit the issuer and label of an account (the secret and parameters are never editable).
import { useState } from "preact/hooks";
import type { Account } from "../accounts/account";
import { t } from "../i18n";

interface Props {
  account: Account;
  onSave: (issuer: string, label: string) => void;
  onCancel: () => void;
}

export function EditForm({ account, onSave, onCancel }: Props) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [label, setLabel] = useState(account.label);
  return (
    <form
      class="panel"
      onSubmit={(e) => {
        e.preventDefault();
        if (label.trim()) onSave(issuer, label);
      }}
    >
      <h1>{t("editTitle")}</h1>
      <label for="edit-issuer">{t("issuer")}</label>
      <input id="edit-issuer" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
      <label for="edit-label">{t("label")}</label>
      <input id="edit-label" value={label} required onInput={(e) => setLabel(e.currentTarget.value)} />
      <button type="submit" class="primary">
        {t("save")}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t("cancel")}
      </button>
    </form>
  );
}
