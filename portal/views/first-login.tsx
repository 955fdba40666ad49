// The first-login screens of manual 1-[3]…[10]: birth date, terms, method, new password, complete.
// (The e-mail step has its own file: email-step.tsx.)
import type { ComponentChildren, VNode } from "preact";
import type { AuthMethod } from "../auth/factors";
import type { MessageKey } from "../i18n";
import { Alert, Card, Field, PasswordField, Progress, SignOutForm } from "./components";
import type { Translate } from "./layout";

const TOTAL = 6;

export function BirthDateView(props: { tr: Translate; error?: string | null; value?: string }): VNode {
  const { tr } = props;
  return (
    <Card title={tr("birthDate.title")}>
      <Progress tr={tr} step={1} total={TOTAL} />
      <p>{tr("birthDate.intro")}</p>
      <form method="post" action="/first-login/birth-date" class="form">
        <Field
          id="birth-date"
          name="birth_date"
          type="date"
          label={tr("birthDate.label")}
          hint={tr("birthDate.hint")}
          value={props.value ?? ""}
          error={props.error ?? null}
          autocomplete="bday"
          autofocus
        />
        <button type="submit" class="button-primary">
          {tr("common.next")}
        </button>
      </form>
    </Card>
  );
}

export function TermsView(props: { tr: Translate }): VNode {
  const { tr } = props;
  const articles: MessageKey[] = ["terms.p1", "terms.p2", "terms.p3", "terms.p4", "terms.p5"];
  return (
    <Card title={tr("terms.title")} wide>
      <Progress tr={tr} step={2} total={TOTAL} />
      <p>{tr("terms.intro")}</p>
      <div class="terms">
        {articles.map((key) => (
          <p key={key}>{tr(key)}</p>
        ))}
      </div>
      <div class="actions actions-split">
        <form method="post" action="/first-login/terms">
          <input type="hidden" name="decision" value="decline" />
          <button type="submit" class="button-secondary">
            {tr("terms.decline")}
          </button>
        </form>
        <form method="post" action="/first-login/terms">
          <input type="hidden" name="decision" value="agree" />
          <button type="submit" class="button-primary">
            {tr("terms.agree")}
          </button>
        </form>
      </div>
    </Card>
  );
}

export const methodLabels: Record<AuthMethod, { label: MessageKey; help: MessageKey }> = {
  passkey: { label: "method.passkey", help: "method.passkeyHelp" },
  totp: { label: "method.totp", help: "method.totpHelp" },
  mail: { label: "method.mail", help: "method.mailHelp" },
};

export function MethodView(props: { tr: Translate; error?: string | null }): VNode {
  const { tr } = props;
  return (
    <Card title={tr("method.title")} wide>
      <Progress tr={tr} step={4} total={TOTAL} />
      <p>{tr("method.intro")}</p>
      {props.error && <Alert kind="error">{props.error}</Alert>}
      <form method="post" action="/first-login/method" class="form">
        <fieldset class="choices">
          <legend>{tr("method.legend")}</legend>
          {(Object.keys(methodLabels) as AuthMethod[]).map((method) => (
            <div class="choice" key={method}>
              <input type="radio" id={`method-${method}`} name="method" value={method} required />
              <label for={`method-${method}`}>
                <span class="choice-title">{tr(methodLabels[method].label)}</span>
                <span class="choice-help">{tr(methodLabels[method].help)}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <p class="note">{tr("method.otpNote")}</p>
        <button type="submit" class="button-primary">
          {tr("common.next")}
        </button>
      </form>
    </Card>
  );
}

/**
 * 新しいパスワード + confirmation, used by the first login, the reset link and the security page (which adds
 * its current-password field `before` and its sign-out checkbox `after`).
 */
export function NewPasswordForm(props: {
  tr: Translate;
  action: string;
  error?: string | null;
  userId: string;
  hidden?: Record<string, string>;
  before?: ComponentChildren;
  after?: ComponentChildren;
  submitLabel?: string;
  autofocus?: boolean;
  rules?: string;
}): VNode {
  const { tr } = props;
  return (
    <form method="post" action={props.action} class="form">
      {/* Lets password managers store the new password under the right account. */}
      <input type="text" name="username" value={props.userId} autocomplete="username" hidden readOnly />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={name} />
      ))}
      {props.before}
      <p class="field-hint">{props.rules ?? tr("password.rules")}</p>
      {props.error && <Alert kind="error">{props.error}</Alert>}
      <PasswordField
        id="new-password"
        name="new_password"
        label={tr("password.new")}
        purpose="new"
        autofocus={props.autofocus ?? true}
      />
      <PasswordField
        id="confirm-password"
        name="confirm_password"
        label={tr("password.confirm")}
        purpose="new"
      />
      {props.after}
      <button type="submit" class="button-primary">
        {props.submitLabel ?? tr("password.submit")}
      </button>
    </form>
  );
}

export function NewPasswordView(props: { tr: Translate; error?: string | null; userId: string }): VNode {
  const { tr } = props;
  return (
    <Card title={tr("password.title")}>
      <Progress tr={tr} step={5} total={TOTAL} />
      <p>{tr("password.intro")}</p>
      <NewPasswordForm
        tr={tr}
        action="/first-login/password"
        error={props.error ?? null}
        userId={props.userId}
      />
    </Card>
  );
}

export function CompleteView(props: { tr: Translate; method: AuthMethod | null }): VNode {
  const { tr } = props;
  const method = props.method ? tr(methodLabels[props.method].label) : "";
  return (
    <Card title={tr("complete.title")}>
      <Progress tr={tr} step={6} total={TOTAL} />
      <Alert kind="success">{tr("complete.body")}</Alert>
      <p>{tr("complete.next", { method })}</p>
      <SignOutForm class="actions" button="button-primary" label={tr("common.logout")} />
    </Card>
  );
}
