// Manual 2-3 / 2-4 / 2-5: the OTP set-up screen. QR code as a data: PNG, the key behind スキャンできませんか?
// (a <details>, so it opens without JavaScript), ワンタイムパスワード, デバイス名, 全てのデバイスからサインアウトする,
// 実行 and 戻る.
import type { VNode } from "preact";
import { TOTP_ALGORITHM, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "../auth/totp";
import { Alert, Card } from "./components";
import type { Translate } from "./layout";

export interface TotpSetupProps {
  tr: Translate;
  action: string;
  /** "戻る": a link back (security page) or a button that signs out (set-up sign-in). */
  back: { href: string } | { logout: true };
  qrDataUrl: string;
  groupedKey: string;
  deviceName?: string;
  error?: string | null;
}

export function TotpSetupView(props: TotpSetupProps): VNode {
  const { tr } = props;
  return (
    <Card title={tr("totp.setupTitle")} wide>
      {props.error && <Alert kind="error">{props.error}</Alert>}
      <ol class="steps">
        <li>{tr("totp.step1")}</li>
        <li>
          {tr("totp.step2")}
          <figure class="qr">
            <img id="totp-qr" src={props.qrDataUrl} alt={tr("totp.qrAlt")} width={240} height={240} />
          </figure>
          <details class="manual-key">
            <summary>{tr("totp.cannotScan")}</summary>
            <p>{tr("totp.manualIntro")}</p>
            <dl class="key-facts">
              <dt>{tr("totp.key")}</dt>
              <dd>
                <code id="totp-key">{props.groupedKey}</code>
              </dd>
              <dt>{tr("totp.type")}</dt>
              <dd>{tr("totp.typeValue")}</dd>
              <dt>{tr("totp.algorithm")}</dt>
              <dd>{TOTP_ALGORITHM}</dd>
              <dt>{tr("totp.digits")}</dt>
              <dd>{TOTP_DIGITS}</dd>
              <dt>{tr("totp.period")}</dt>
              <dd>{tr("totp.periodValue", { seconds: TOTP_PERIOD_SECONDS })}</dd>
            </dl>
          </details>
        </li>
        <li>{tr("totp.step3")}</li>
      </ol>
      <form method="post" action={props.action} class="form" id="totp-setup-form">
        <OtpField tr={tr} />
        <div class="field">
          <label for="device-name">{tr("totp.deviceName")}</label>
          <p class="field-hint" id="device-name-hint">
            {tr("totp.deviceNameHelp")}
          </p>
          <input
            aria-describedby="device-name-hint"
            id="device-name"
            name="device_name"
            type="text"
            value={props.deviceName ?? ""}
            placeholder={tr("totp.deviceNamePlaceholder")}
            maxLength={100}
            autocomplete="off"
          />
        </div>
        <div class="field field-checkbox">
          <input
            id="sign-out-others"
            name="sign_out_others"
            type="checkbox"
            value="on"
            aria-describedby="sign-out-others-hint"
          />
          <label for="sign-out-others">{tr("totp.signOutOthers")}</label>
        </div>
        <p class="field-hint" id="sign-out-others-hint">
          {tr("totp.signOutOthersHelp")}
        </p>
        <div class="actions">
          <button type="submit" class="button-primary">
            {tr("sf.submit")}
          </button>
          {"logout" in props.back ? (
            <button type="submit" class="button-secondary" formaction="/logout" formnovalidate>
              {tr("sf.back")}
            </button>
          ) : (
            <a class="button-link" href={props.back.href}>
              {tr("sf.back")}
            </a>
          )}
        </div>
      </form>
    </Card>
  );
}

/** The code field: labelled ワンタイムパスワード and marked one-time-code so browsers and extensions can fill it. */
export function OtpField(props: { tr: Translate }): VNode {
  return (
    <div class="field">
      <label for="otp">{props.tr("sf.otpLabel")}</label>
      <p class="field-hint" id="otp-hint">
        {props.tr("sf.otpHint")}
      </p>
      <input
        id="otp"
        name="otp"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxLength={20}
        required
        autofocus
        aria-describedby="otp-hint"
      />
    </div>
  );
}
