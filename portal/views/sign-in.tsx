// Manual 1-[2]: ユーザID, パスワード, ログイン状態の保存, ログイン, and the two recovery links.
import type { VNode } from "preact";
import { Alert, Card, Field, PasswordField } from "./components";
import type { Translate } from "./layout";
import { PasswordlessSignIn } from "./passkey";

export function SignInView(props: {
  tr: Translate;
  userId?: string;
  error?: string | null;
  info?: string | null;
}): VNode {
  const { tr } = props;
  return (
    <Card title={tr("login.title")}>
      {props.info && <Alert kind="info">{props.info}</Alert>}
      {props.error && <Alert kind="error">{props.error}</Alert>}
      <form method="post" action="/login" class="form">
        <Field
          id="user-id"
          name="user_id"
          label={tr("login.userId")}
          value={props.userId ?? ""}
          autocomplete="username webauthn"
          maxLength={64}
          autofocus
        />
        <PasswordField id="password" name="password" label={tr("login.password")} purpose="current" />
        <div class="field field-checkbox">
          <input id="remember" name="remember" type="checkbox" value="on" />
          <label for="remember">{tr("login.remember")}</label>
        </div>
        <button type="submit" class="button-primary">
          {tr("login.submit")}
        </button>
      </form>
      <PasswordlessSignIn tr={tr} />
      <ul class="links">
        <li>
          <a href="/forgot-password">{tr("login.forgotPassword")}</a>
        </li>
        <li>
          <a href="/forgot-user-id">{tr("login.forgotUserId")}</a>
        </li>
      </ul>
    </Card>
  );
}
