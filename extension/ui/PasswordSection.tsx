// Change the master password: re-encrypts the vault under a new salt in one atomic write.
import { useState } from "preact/hooks";
import { t } from "../i18n";
import { send } from "../messaging";
import { MIN_PASSWORD_LENGTH } from "./CreateVault";
import { passwordStrength, STRENGTH_MESSAGES } from "./password-strength";

export function PasswordSection({ unlocked }: { unlocked: boolean }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [message, setMessage] = useState("");

  async function submit(event: Event) {
    event.preventDefault();
    if ([...next].length < MIN_PASSWORD_LENGTH) return setMessage(t("errorPasswordTooShort"));
    if (next !== confirmation) return setMessage(t("errorPasswordMismatch"));
    setMessage(t("working"));
    const result = await send({ type: "change-password", current, next });
    if (result.ok) {
      setCurrent("");
      setNext("");
      setConfirmation("");
      return setMessage(t("passwordChanged"));
    }
    const seconds = Math.ceil(result.waitMs / 1000);
    setMessage(result.reason === "throttled" ? t("errorThrottled", seconds) : t("errorWrongPassword"));
  }

  return (
    <section aria-labelledby="s-password">
      <h2 id="s-password">{t("changePassword")}</h2>
      {!unlocked && <p>{t("unlockToSee")}</p>}
      {unlocked && (
        <form class="aligned" onSubmit={submit}>
          <div class="row">
            <label for="current-password">{t("currentPassword")}</label>
            <input
              id="current-password"
              type="password"
              autocomplete="current-password"
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
            />
          </div>
          <div class="row">
            <label for="next-password">{t("newPassword")}</label>
            <input
              id="next-password"
              type="password"
              autocomplete="new-password"
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
            />
            <span class="small">{next && t(STRENGTH_MESSAGES[passwordStrength(next)])}</span>
          </div>
          <div class="row">
            <label for="next-confirm">{t("masterPasswordConfirm")}</label>
            <input
              id="next-confirm"
              type="password"
              autocomplete="new-password"
              value={confirmation}
              onInput={(e) => setConfirmation(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary">
            {t("changePasswordButton")}
          </button>
          <p role="status">{message}</p>
        </form>
      )}
    </section>
  );
}
