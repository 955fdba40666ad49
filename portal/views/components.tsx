// Small building blocks shared by the screens: labelled fields, messages, the first-login progress line.
import type { ComponentChildren, VNode } from "preact";
import type { Translate } from "./layout";

export function Field(props: {
  id: string;
  label: string;
  name: string;
  type?: string;
  value?: string;
  error?: string | null;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  autofocus?: boolean;
}): VNode {
  const describedBy = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={props.error ? "field field-invalid" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        autocomplete={props.autocomplete}
        required={props.required ?? true}
        maxLength={props.maxLength}
        autofocus={props.autofocus}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

/**
 * A password input of up to 1024 characters; `purpose` tells the browser to fill the saved password
 * ("current") or to offer a new one ("new").
 */
export function PasswordField(props: {
  id: string;
  name: string;
  label: string;
  purpose: "current" | "new";
  autofocus?: boolean;
}): VNode {
  return (
    <Field
      id={props.id}
      name={props.name}
      type="password"
      label={props.label}
      autocomplete={`${props.purpose}-password`}
      maxLength={1024}
      autofocus={props.autofocus}
    />
  );
}

/** A form with one button that ends the session (POST /logout). */
export function SignOutForm(props: {
  class: string;
  button: "button-primary" | "button-secondary";
  label: string;
}): VNode {
  return (
    <form method="post" action="/logout" class={props.class}>
      <button type="submit" class={props.button}>
        {props.label}
      </button>
    </form>
  );
}

export function Alert(props: { kind: "error" | "info" | "success"; children: ComponentChildren }): VNode {
  return (
    <div class={`alert alert-${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}

export function Card(props: { title: string; children: ComponentChildren; wide?: boolean }): VNode {
  return (
    <section class={props.wide ? "card card-wide" : "card"} aria-labelledby="page-title">
      <h1 id="page-title">{props.title}</h1>
      {props.children}
    </section>
  );
}

/** A part of a page under its own h2, which names the section for assistive technology. */
export function Section(props: {
  headingId: string;
  heading: string;
  class?: string;
  children: ComponentChildren;
}): VNode {
  return (
    <section class={props.class} aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{props.heading}</h2>
      {props.children}
    </section>
  );
}

export function Progress(props: { tr: Translate; step: number; total: number }): VNode {
  return (
    <p class="progress">
      <span>{props.tr("firstLogin.heading")}</span>
      <span class="progress-step">
        {props.tr("firstLogin.progress", { step: props.step, total: props.total })}
      </span>
    </p>
  );
}
