// Manual 2-1 / 2-2: passkey screens. The ceremonies run in /static/passkey.js; these views only carry the
// buttons, the endpoints (data attributes) and the localized messages the script may show.
import type { VNode } from "preact";
import { Card, Field, Section, SignOutForm } from "./components";
import type { Translate } from "./layout";

export const PASSKEY_SCRIPT = "/static/passkey.js";

/** Where the script writes errors; the messages it may need come localized from the server. */
export function PasskeyErrorBox(props: { tr: Translate }): VNode {
  const { tr } = props;
  return (
    <p
      class="alert alert-error"
      role="alert"
      hidden
      data-passkey-error
      data-msg-cancelled={tr("passkey.cancelled")}
      data-msg-unsupported={tr("passkey.unsupported")}
      data-msg-failed={tr("passkey.failed")}
    />
  );
}

function NeedsScript(props: { tr: Translate }): VNode {
  return (
    <noscript>
      <p class="alert alert-error">{props.tr("passkey.needsScript")}</p>
    </noscript>
  );
}

/** `verifyQuery` (e.g. "?next=…") rides on the verify URL for a server that answers with a redirect. */
function PasskeyButton(props: {
  secondary?: boolean;
  kind: "register" | "authenticate";
  base: string;
  verifyQuery?: string;
  label: string;
  id: string;
}): VNode {
  return (
    <button
      type="button"
      id={props.id}
      class={props.secondary ? "button-secondary" : "button-primary"}
      disabled
      data-passkey={props.kind}
      data-options-url={`${props.base}/options`}
      data-verify-url={`${props.base}/verify${props.verifyQuery ?? ""}`}
    >
      {props.label}
    </button>
  );
}

/** 2-1 【2】: register a passkey; after it, the member names it. `back` = link or sign-out button. */
export function PasskeySetupView(props: {
  tr: Translate;
  base: string;
  back: { href: string } | { logout: true };
}) {
  const { tr } = props;
  return (
    <Card title={tr("passkey.setupTitle")}>
      <p>{tr("passkey.setupIntro")}</p>
      <p class="field-hint">{tr("passkey.phoneHint")}</p>
      <NeedsScript tr={tr} />
      <PasskeyErrorBox tr={tr} />
      <div class="actions">
        <PasskeyButton
          kind="register"
          base={props.base}
          label={tr("passkey.register")}
          id="passkey-register"
        />
        {"logout" in props.back ? (
          <SignOutForm class="inline-form" button="button-secondary" label={tr("sf.back")} />
        ) : (
          <a class="button-link" href={props.back.href}>
            {tr("sf.back")}
          </a>
        )}
      </div>
    </Card>
  );
}

/** Every later sign-in with a passkey (after ID + password). */
export function PasskeySignInView(props: { tr: Translate; others: VNode | null }): VNode {
  const { tr } = props;
  return (
    <Card title={tr("passkey.signInTitle")}>
      <p>{tr("passkey.signInIntro")}</p>
      <NeedsScript tr={tr} />
      <PasskeyErrorBox tr={tr} />
      <div class="actions">
        <PasskeyButton
          kind="authenticate"
          base="/passkey/authenticate"
          label={tr("passkey.signIn")}
          id="passkey-sign-in"
        />
        <SignOutForm class="inline-form" button="button-secondary" label={tr("sf.back")} />
      </div>
      {props.others}
    </Card>
  );
}

/** 2-1 【6】【7】: ”パスキー” — a name that identifies the device, then 次へ. */
export function PasskeyNameView(props: {
  tr: Translate;
  action: string;
  value: string;
  error?: string | null;
}) {
  const { tr } = props;
  return (
    <Card title={tr("passkey.nameTitle")}>
      <form method="post" action={props.action} class="form">
        <p>{tr("passkey.nameIntro")}</p>
        <Field
          id="passkey-name"
          name="name"
          label={tr("passkey.name")}
          value={props.value}
          error={props.error ?? null}
          maxLength={100}
          autocomplete="off"
          autofocus
        />
        <button type="submit" class="button-primary">
          {tr("common.next")}
        </button>
      </form>
    </Card>
  );
}

/** On the sign-in page: the passwordless button, and the marker that turns on passkey autofill. */
export function PasswordlessSignIn(props: { tr: Translate }): VNode {
  const { tr } = props;
  return (
    <Section headingId="passwordless-title" heading={tr("passkey.passwordless")} class="passwordless">
      <p class="field-hint">{tr("passkey.passwordlessHelp")}</p>
      <PasskeyErrorBox tr={tr} />
      <div
        hidden
        data-passkey-autofill
        data-options-url="/passkey/passwordless/options"
        data-verify-url="/passkey/passwordless/verify"
      />
      <PasskeyButton
        kind="authenticate"
        base="/passkey/passwordless"
        label={tr("passkey.passwordless")}
        id="passkey-passwordless"
        secondary
      />
    </Section>
  );
}

/**
 * 本人確認 on the security page with one of the member's passkeys; the server answers with the validated
 * `next`. Without JavaScript the button stays disabled and the note points to the password below.
 */
export function PasskeyReauth(props: { tr: Translate; next: string }): VNode {
  const { tr } = props;
  return (
    <div class="reauth-passkey">
      <p class="field-hint">{tr("security.reauthPasskeyHint")}</p>
      <noscript>
        <p class="field-hint">{tr("security.reauthPasskeyNeedsScript")}</p>
      </noscript>
      <PasskeyErrorBox tr={tr} />
      <div class="actions">
        <PasskeyButton
          kind="authenticate"
          base="/security/reauth/passkey"
          verifyQuery={`?next=${encodeURIComponent(props.next)}`}
          label={tr("security.reauthPasskey")}
          id="reauth-passkey"
        />
      </div>
    </div>
  );
}
