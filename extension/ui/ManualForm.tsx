// キーを手入力: issuer, label and key (spaces and lower case ignored, base32 checked), advanced fields; or an
// otpauth:// URI pasted into the key field.
import { useState } from "preact/hooks";
import { type Base32Problem, checkBase32Secret } from "../../shared/base32";
import type { OtpAlgorithm, OtpDigits, OtpParameters } from "../../shared/types";
import { type MessageKey, t } from "../i18n";
import { type AddResult, send } from "../messaging";

const KEY_ERRORS: Record<Base32Problem, MessageKey> = {
  empty: "errorKey_empty",
  "invalid-character": "errorKey_invalid_character",
  "too-short": "errorKey_too_short",
  "too-long": "errorKey_too_long",
  "bad-length": "errorKey_bad_length",
};

export function ManualForm({
  onResult,
  onCancel,
}: {
  onResult: (r: AddResult) => void;
  onCancel: () => void;
}) {
  const [issuer, setIssuer] = useState("");
  const [label, setLabel] = useState("");
  const [key, setKey] = useState("");
  const [algorithm, setAlgorithm] = useState<OtpAlgorithm>("SHA1");
  const [digits, setDigits] = useState<OtpDigits>(6);
  const [period, setPeriod] = useState(30);
  const [error, setError] = useState("");

  async function submit(event: Event) {
    event.preventDefault();
    if (/^otpauth/i.test(key.trim()))
      return onResult(await send({ type: "add-uri", text: key, mode: "ask" }));
    if (!label.trim()) return setError(t("errorLabelRequired"));
    const checked = checkBase32Secret(key);
    if (!checked.ok) return setError(t(KEY_ERRORS[checked.problem]));
    if (!Number.isInteger(period) || period < 1 || period > 3600) return setError(t("errorPeriod"));
    const params: OtpParameters = {
      type: "totp",
      issuer: issuer.trim(),
      label: label.trim(),
      secret: checked.secret,
      algorithm,
      digits,
      period,
    };
    onResult(await send({ type: "add-params", params, mode: "ask" }));
  }

  return (
    <form class="panel" onSubmit={submit}>
      <h1>{t("addManual")}</h1>
      <label for="issuer">{t("issuer")}</label>
      <input id="issuer" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
      <label for="label">{t("label")}</label>
      <input id="label" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
      <label for="key">{t("keyOrUri")}</label>
      <input
        id="key"
        autocomplete="off"
        spellcheck={false}
        value={key}
        onInput={(e) => setKey(e.currentTarget.value)}
      />
      <details>
        <summary>{t("advanced")}</summary>
        <label for="algorithm">{t("algorithm")}</label>
        <select
          id="algorithm"
          value={algorithm}
          onChange={(e) => setAlgorithm(e.currentTarget.value as OtpAlgorithm)}
        >
          <option value="SHA1">SHA-1</option>
          <option value="SHA256">SHA-256</option>
          <option value="SHA512">SHA-512</option>
        </select>
        <label for="digits">{t("digits")}</label>
        <select
          id="digits"
          value={digits}
          onChange={(e) => setDigits(Number(e.currentTarget.value) as OtpDigits)}
        >
          <option value="6">6</option>
          <option value="8">8</option>
        </select>
        <label for="period">{t("period")}</label>
        <input
          id="period"
          type="number"
          min={1}
          max={3600}
          value={period}
          onInput={(e) => setPeriod(Number(e.currentTarget.value))}
        />
      </details>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary">
        {t("addButton")}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t("back")}
      </button>
    </form>
  );
}
