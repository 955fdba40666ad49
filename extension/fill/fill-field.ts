// Puts a code into the field(s) found by find-otp-field.ts so that the page's own script notices:
// React, Vue and similar frameworks track an input's value themselves, so we set it through the native
// HTMLInputElement setter (bypassing React's per-instance value tracker) and then dispatch the events a
// person typing would cause (keydown, beforeinput, input, keyup, change). Split boxes get one digit each.
import type { OtpFieldMatch } from "./find-otp-field";

/** Fills the code; true when every field ends up holding its part of the code. */
export function fillCode(match: OtpFieldMatch, code: string): boolean {
  if (match.kind === "single") {
    typeValue(match.field, code);
    return match.field.value.replace(/\s/g, "") === code;
  }
  if (match.fields.length !== code.length) return false;
  match.fields.forEach((box, index) => {
    typeValue(box, code.charAt(index));
  });
  return match.fields.every((box, index) => box.value === code.charAt(index));
}

/** Sets a value as typing it would: native setter + keyboard and input events that frameworks listen to. */
export function typeValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView ?? globalThis;
  input.focus();
  const lastKey = value.charAt(value.length - 1);
  input.dispatchEvent(keyboardEvent(view, "keydown", lastKey));
  input.dispatchEvent(new view.InputEvent("beforeinput", inputInit(value, true)));
  setNativeValue(input, value);
  input.dispatchEvent(new view.InputEvent("input", inputInit(value, false)));
  input.dispatchEvent(keyboardEvent(view, "keyup", lastKey));
  input.dispatchEvent(new view.Event("change", { bubbles: true }));
}

/** The setter of `value` from the prototype chain, not an instance override such as React's tracker. */
export function setNativeValue(input: HTMLInputElement, value: string): void {
  for (let proto = Object.getPrototypeOf(input); proto; proto = Object.getPrototypeOf(proto)) {
    const setter = Object.getOwnPropertyDescriptor(proto, "value")?.set;
    if (setter) {
      setter.call(input, value);
      return;
    }
  }
  input.value = value;
}

function inputInit(data: string, cancelable: boolean): InputEventInit {
  return { bubbles: true, cancelable, composed: true, inputType: "insertText", data };
}

function keyboardEvent(view: typeof globalThis, type: "keydown" | "keyup", key: string): KeyboardEvent {
  const keyCode = /^\d$/.test(key) ? 48 + Number(key) : 0;
  return new view.KeyboardEvent(type, {
    key,
    code: keyCode ? `Digit${key}` : "",
    keyCode,
    which: keyCode,
    bubbles: true,
    cancelable: true,
    composed: true,
  } as KeyboardEventInit);
}
