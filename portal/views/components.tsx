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
