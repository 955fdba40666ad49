// 本人確認 before a change on the security page: the current password, and for a member with a passkey
// also 「パスキーで本人確認」 above it (JavaScript only; the password form works without script).
import type { VNode } from "preact";
import { Alert, Card, PasswordField, Section } from "./components";
import type { Translate } from "./layout";
import { PasskeyReauth } from "./passkey";

function PasswordForm(props: { tr: Translate; next: string; autofocus: boolean }): VNode {
  const { tr } = props;
  return (
    <form method="post" action={`/security/reauth?next=${encodeURIComponent(props.next)}`} class="form">
      <PasswordField
        id="reauth-password"
        name="password"
        label={tr("login.password")}
        purpose="current"
        autofocus={props.autofocus}
      />
      <div class="actions">
        <button type="submit" class="button-primary">
          {tr("security.reauthSubmit")}
        </button>
        <a class="button-link" href="/security">
          {tr("security.backToSecurity")}
        </a>
      </div>
    </form>
  );
}

export function reauthTitle(tr: Translate, withPasskey: boolean): string {
  return tr(withPasskey ? "security.reauthAnyTitle" : "security.reauthTitle");
}

export function ReauthView(props: {
  tr: Translate;
  next: string;
  withPasskey: boolean;
  error?: string | null;
}): VNode {
  const { tr } = props;
  if (!props.withPasskey) {
    return (
      <Card title={reauthTitle(tr, false)}>
        {props.error && <Alert kind="error">{props.error}</Alert>}
        <p>{tr("security.reauthIntro")}</p>
        <PasswordForm tr={tr} next={props.next} autofocus />
      </Card>
    );
  }
  return (
    <Card title={reauthTitle(tr, true)}>
      {props.error && <Alert kind="error">{props.error}</Alert>}
      <p>{tr("security.reauthAnyIntro")}</p>
      <PasskeyReauth tr={tr} next={props.next} />
      <Section
        headingId="reauth-password-title"
        heading={tr("security.reauthPasswordTitle")}
        class="reauth-password"
      >
        <PasswordForm tr={tr} next={props.next} autofocus={false} />
      </Section>
    </Card>
  );
}
