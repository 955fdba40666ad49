// Forgot password (user ID + birth date), forgot user ID (e-mail + birth date), and the reset form.
import type { VNode } from "preact";
import { Alert, Card, Field } from "./components";
import { NewPasswordForm } from "./first-login";
import type { Translate } from "./layout";

interface RequestProps {
  tr: Translate;
  error?: string | null;
  sent?: boolean;
}

type RecoveryPage = "forgotPassword" | "forgotUserId";
/** Checked by the compiler: each of these must be a catalogue key. */
type RecoveryKey = `${RecoveryPage}.${"title" | "intro" | "submit" | "sent"}`;

/** Both requests: one identifying field, the birth date, and the same answer whatever was entered. */
function RecoveryRequestView(
  props: RequestProps & { page: RecoveryPage; action: string; identifier: VNode },
): VNode {
  const { tr } = props;
  const key = (suffix: "title" | "intro" | "submit" | "sent"): RecoveryKey => `${props.page}.${suffix}`;
  return (
    <Card title={tr(key("title"))}>
      {props.sent ? (
        <Alert kind="success">{tr(key("sent"))}</Alert>
      ) : (
        <>
          <p>{tr(key("intro"))}</p>
          {props.error && <Alert kind="error">{props.error}</Alert>}
          <form method="post" action={props.action} class="form">
            {props.identifier}
            <Field
              id="birth-date"
              name="birth_date"
              type="date"
              label={tr("birthDate.label")}
              autocomplete="bday"
            />
            <button type="submit" class="button-primary">
              {tr(key("submit"))}
            </button>
          </form>
        </>
      )}
      <p class="actions">
        <a href="/login">{tr("common.toLogin")}</a>
      </p>
    </Card>
  );
}

export function ForgotPasswordView(props: RequestProps): VNode {
  const identifier = (
    <Field
      id="user-id"
      name="user_id"
      label={props.tr("login.userId")}
      autocomplete="username"
      maxLength={64}
      autofocus
    />
  );
  return RecoveryRequestView({ ...props, page: "forgotPassword", action: "/forgot-password", identifier });
}

export function ForgotUserIdView(props: RequestProps): VNode {
  const identifier = (
    <Field
      id="email"
      name="email"
      type="email"
      label={props.tr("email.label")}
      autocomplete="email"
      maxLength={254}
      autofocus
    />
  );
  return RecoveryRequestView({ ...props, page: "forgotUserId", action: "/forgot-user-id", identifier });
}

export function ResetPasswordView(props: {
  tr: Translate;
  token: string;
  userId: string;
  error?: string | null;
}): VNode {
  const { tr } = props;
  return (
    <Card title={tr("reset.title")}>
      <NewPasswordForm
        tr={tr}
        action="/reset-password"
        userId={props.userId}
        error={props.error ?? null}
        hidden={{ token: props.token }}
      />
    </Card>
  );
}
