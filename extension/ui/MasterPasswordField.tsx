// The master password typed to unlock or to confirm it's you (the popup's unlock, the passkey window), and how
// a refusal reads: wrong password and/or the wait the background imposes after repeated failures.
import { t } from "../i18n";

export function MasterPasswordField(props: { id: string; value: string; onInput: (value: string) => void }) {
  return (
    <>
      <label for={props.id}>{t("masterPassword")}</label>
      <input
        id={props.id}
        type="password"
        autocomplete="current-password"
        autofocus
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </>
  );
}

export function passwordRefusalText(reason: "wrong-password" | "throttled", waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  if (reason === "throttled") return t("errorThrottled", seconds);
  return seconds > 0 ? `${t("errorWrongPassword")} ${t("errorThrottled", seconds)}` : t("errorWrongPassword");
}
