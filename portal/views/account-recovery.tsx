// Forgot password (user ID + birth date), forgot user ID (e-mail + birth date), and the reset form.
import type { VNode } from "preact";
import { Alert, Card, Field } from "./components";
import { NewPasswordForm } from "./first-login";
import type { Translate } from "./layout";

export function ForgotPasswordView(props: { tr: Translate; error?: string | null; sent?: boolean }): VNode {
  const { tr } = props;
  return (
    <Card title={tr("forgotPassword.title")}>
      {props.sent ? (
        <Alert kind="success">{tr("forgotPassword.sent")}</Alert>
      ) : (
        <>
          <p>{tr("forgotPassword.intro")}</p>
          {props.error && <Alert kind="error">{props.error}</Alert>}
          <form method="post" action="/forgot-password" class="form">
            <Field
              id="user-id"
              name="user_id"
              label={tr("login.userId")}
              autocomplete="username"
              maxLength={64}
              autofocus
            />
            <Field
              id="birth-date"
              name="birth_date"
              type="date"
              label={tr("birthDate.label")}
              autocomplete="bday"
            />
            <button type="submit" class="button-primary">
              {tr("forgotPassword.submit")}
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

export function ForgotUserIdView(props: { tr: Translate; error?: string | null; sent?: boolean }): VNode {
  const { tr } = props;
  return (
    <Card title={tr("forgotUserId.title")}>
      {props.sent ? (
        <Alert kind="success">{tr("forgotUserId.sent")}</Alert>
      ) : (
        <>
          <p>{tr("forgotUserId.intro")}</p>
          {props.error && <Alert kind="error">{props.error}</Alert>}
          <form method="post" action="/forgot-user-id" class="form">
            <Field
              id="email"
              name="email"
              type="email"
              label={tr("email.label")}
              autocomplete="email"
              maxLength={254}
              autofocus
            />
            <Field
              id="birth-date"
              name="birth_date"
              type="date"
              label={tr("birthDate.label")}
              autocomplete="bday"
            />
            <button type="submit" class="button-primary">
              {tr("forgotUserId.submit")}
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

export function ResetPasswordView(props: {
  tr: Translate;
  token: string;
  userId: string;
  error?: string | null;
}) {
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
