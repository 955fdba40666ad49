// First run: the member chooses the master password (≥ 8 characters, typed twice) and is told plainly that
// nobody can recover it.
import { useState } from "preact/hooks";
import { t } from "../i18n";
import { send } from "../messaging";
import { passwordStrength, STRENGTH_MESSAGES } from "./password-strength";

export const MIN_PASSWORD_LENGTH = 8;

export function CreateVault({ onCreated }: { onCreated: () => void }) {
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const strength = passwordStrength(password);

  async function submit(event: Event) {
    event.preventDefault();
    if ([...password].length < MIN_PASSWORD_LENGTH) return setError(t("errorPasswordTooShort"));
    if (password !== confirmation) return setError(t("errorPasswordMismatch"));
    setBusy(true);
    await send({ type: "create", password });
    onCreated();
  }

  return (
    <form class="panel" onSubmit={submit}>
      <h1>{t("createTitle")}</h1>
      <p>{t("createIntro")}</p>
      <label for="new-password">{t("masterPassword")}</label>
      <input
        id="new-password"
        type="password"
        autocomplete="new-password"
        value={password}
        aria-describedby="strength"
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <p id="strength" class={`strength strength-${strength}`} aria-live="polite">
        {password ? t(STRENGTH_MESSAGES[strength]) : t("strengthHint")}
      </p>
      <label for="confirm-password">{t("masterPasswordConfirm")}</label>
      <input
        id="confirm-password"
        type="password"
        autocomplete="new-password"
        value={confirmation}
        onInput={(e) => setConfirmation(e.currentTarget.value)}
      />
      <p class="warning" role="note">
        {t("cannotRecover")}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t("working") : t("createButton")}
      </button>
    </form>
  );
}
