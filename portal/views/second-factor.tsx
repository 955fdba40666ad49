// The second step of every later sign-in: an app code, or the mail code (2-6). Passkeys: passkey.tsx.
import type { Context } from "hono";
import type { VNode } from "preact";
import type { AppEnv } from "../app-env";
import type { AuthMethod } from "../auth/factors";
import { Alert, Card } from "./components";
import { renderErrorPage } from "./error-page";
import type { Translate } from "./layout";
import { OtpField } from "./totp-setup";

/** 実行 and 戻る under a code field; 戻る signs out (the sign-in is abandoned, as on the manual's screens). */
function CodeFormActions(props: { tr: Translate }): VNode {
  return (
    <div class="actions">
      <button type="submit" class="button-primary">
        {props.tr("sf.submit")}
      </button>
      <button type="submit" class="button-secondary" formaction="/logout" formnovalidate>
        {props.tr("sf.back")}
      </button>
    </div>
  );
}

/** Links to the member's other enrolled methods. */
export function OtherMethods(props: { tr: Translate; methods: AuthMethod[] }): VNode | null {
  const labels: Partial<Record<AuthMethod, string>> = {
    passkey: props.tr("sf.usePasskey"),
    totp: props.tr("sf.useTotp"),
  };
  const links = props.methods.filter((method) => labels[method]);
  if (links.length === 0) return null;
  return (
    <nav class="other-methods" aria-label={props.tr("sf.otherMethods")}>
      <h2>{props.tr("sf.otherMethods")}</h2>
      <ul class="links">
        {links.map((method) => (
          <li key={method}>
            <a href={`/login/second-factor?use=${method}`}>{labels[method]}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function TotpCodeView(props: { tr: Translate; error?: string | null; others: VNode | null }): VNode {
  const { tr } = props;
  return (
    <Card title={tr("totp.enterTitle")}>
      {props.error && <Alert kind="error">{props.error}</Alert>}
      <form method="post" action="/login/second-factor/totp" class="form">
        <p>{tr("totp.enterIntro")}</p>
        <OtpField tr={tr} />
        <CodeFormActions tr={tr} />
      </form>
      {props.others}
    </Card>
  );
}

/** 2-6 「ワンタイムパスワード (OTP) メール認証」. */
export function MailOtpView(props: {
  tr: Translate;
  email: string;
  /** Whether the code's newest mail went out (the outbox's word). */
  delivery?: "sent" | "delayed" | "failed";
  info?: string | null;
  error?: string | null;
}): VNode {
  const { tr } = props;
  const email = props.email;
  return (
    <Card title={tr("mailOtp.title")}>
      {props.info && <Alert kind="info">{props.info}</Alert>}
      {props.error && <Alert kind="error">{props.error}</Alert>}
      {props.delivery === "delayed" ? (
        <Alert kind="info">{tr("mailOtp.delayed", { email })}</Alert>
      ) : props.delivery === "failed" ? (
        <Alert kind="error">{tr("mailOtp.failed", { email })}</Alert>
      ) : (
        <p>{tr("mailOtp.sentTo", { email })}</p>
      )}
      <form method="post" action="/login/second-factor/mail" class="form">
        <p>{tr("mailOtp.intro")}</p>
        <OtpField tr={tr} />
        <CodeFormActions tr={tr} />
      </form>
      <form method="post" action="/login/second-factor/mail/resend" class="form resend">
        <p class="field-hint">{tr("mailOtp.resendHelp")}</p>
        <button type="submit" class="button-secondary" id="mail-otp-resend">
          {tr("mailOtp.resend")}
        </button>
      </form>
      <p class="alert alert-info weakest-note">{tr("mailOtp.weakest")}</p>
    </Card>
  );
}

/** A dead end explained instead of a redirect loop: the operator has to reset this member's first login. */
export function noFactorPage<E extends AppEnv>(c: Context<E>): Response {
  return renderErrorPage(c, {
    title: "sf.title",
    message: "sf.noFactor",
    status: 403,
    link: { href: "/login", label: "common.toLogin" },
  });
}
