// Unlock with the master password; wrong passwords are answered clearly and slowed down by the background.
import { useState } from "preact/hooks";
import { t } from "../i18n";
import { send } from "../messaging";
import { MasterPasswordField, passwordRefusalText } from "./MasterPasswordField";

export function Unlock({ onUnlocked, throttleMs }: { onUnlocked: () => void; throttleMs: number }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState(throttleMs > 0 ? t("errorThrottled", Math.ceil(throttleMs / 1000)) : "");
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError("");
    const result = await send({ type: "unlock", password });
    setBusy(false);
    if (result.ok) return onUnlocked();
    setPassword("");
    setError(passwordRefusalText(result.reason, result.waitMs));
  }

  return (
    <form class="panel" onSubmit={submit}>
      <h1>{t("unlockTitle")}</h1>
      <MasterPasswordField id="password" value={password} onInput={setPassword} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || !password}>
        {busy ? t("working") : t("unlockButton")}
      </button>
      <p class="small">
        <a href="/options.html#reset" target="_blank" rel="noreferrer">
          {t("forgotPassword")}
        </a>
      </p>
    </form>
  );
}
