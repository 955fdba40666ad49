// Manual 1-[5]…[7]: set the address, wait for the mailed link, refresh; plus the page behind the link.
import type { VNode } from "preact";
import { Alert, Card, Field, Progress } from "./components";
import type { Translate } from "./layout";

export function EmailStepView(props: {
  tr: Translate;
  pendingEmail: string | null;
  /** Whether the newest confirmation mail went out (the outbox's word); "sent" when not known. */
  delivery?: "sent" | "delayed" | "failed";
  error?: string | null;
  info?: string | null;
  value?: string;
}): VNode {
  const { tr } = props;
  const addressForm = (
    <form method="post" action="/first-login/email" class="form">
      <Field
        id="email"
        name="email"
        type="email"
        label={tr("email.label")}
        value={props.value ?? ""}
        error={props.error ?? null}
        autocomplete="email"
        maxLength={254}
        autofocus={!props.pendingEmail}
      />
      <button type="submit" class={props.pendingEmail ? "button-secondary" : "button-primary"}>
        {tr("email.submit")}
      </button>
    </form>
  );
  return (
    <Card title={tr("email.title")}>
      <Progress tr={tr} step={3} total={TOTAL_STEPS} />
      {props.info && <Alert kind="info">{props.info}</Alert>}
      {props.pendingEmail ? (
        <>
          <DeliveryAlert tr={tr} email={props.pendingEmail} delivery={props.delivery ?? "sent"} />
          <p class="field-hint">{tr("email.linkLifetime")}</p>
          <div class="actions actions-split">
            <form method="post" action="/first-login/email/resend">
              <button type="submit" class="button-secondary">
                {tr("email.resend")}
              </button>
            </form>
            <a class="button-link button-primary" href="/first-login/email?refresh=1">
              {tr("email.refresh")}
            </a>
          </div>
          <details class="change-address" open={Boolean(props.error)}>
            <summary>{tr("email.changeHeading")}</summary>
            {addressForm}
          </details>
        </>
      ) : (
        <>
          <p>{tr("email.intro")}</p>
          {addressForm}
        </>
      )}
    </Card>
  );
}

const TOTAL_STEPS = 6;

/** The truth about the confirmation mail: sent, delayed (the outbox retries it), or not sendable. */
function DeliveryAlert(props: { tr: Translate; email: string; delivery: "sent" | "delayed" | "failed" }) {
  const { tr, email } = props;
  if (props.delivery === "delayed") return <Alert kind="info">{tr("email.delayed", { email })}</Alert>;
  if (props.delivery === "failed") return <Alert kind="error">{tr("email.failed", { email })}</Alert>;
  return <Alert kind="success">{tr("email.sent", { email })}</Alert>;
}

export function VerifyEmailView(props: { tr: Translate; email: string; token: string }): VNode {
  const { tr } = props;
  return (
    <Card title={tr("verify.title")}>
      <p>{tr("verify.confirmIntro", { email: props.email })}</p>
      <form method="post" action="/verify-email" class="form">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit" class="button-primary">
          {tr("verify.confirm")}
        </button>
      </form>
    </Card>
  );
}
