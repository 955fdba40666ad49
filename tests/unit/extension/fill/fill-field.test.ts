// @vitest-environment happy-dom
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { fillCode } from "../../../../extension/fill/fill-field";
import { FILL_MESSAGE, fillOtpCode, isFillRequest } from "../../../../extension/fill/fill-script";
import { findOtpField } from "../../../../extension/fill/find-otp-field";

const fixtures = path.resolve(import.meta.dirname, "../../../fixtures/fill");

function nativeValue(input: HTMLInputElement): PropertyDescriptor {
  for (let proto = Object.getPrototypeOf(input); proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, "value");
    if (descriptor?.set) return descriptor;
  }
  throw new Error("no value property");
}

/**
 * Behaves like a React controlled input: React wraps `value` on the instance to remember the last value it
 * set, ignores an input event whose value equals that remembered value, and after every event restores the
 * DOM value from its state.
 */
function makeReactControlled(input: HTMLInputElement): { state: () => string; changes: string[] } {
  const native = nativeValue(input);
  let tracked = native.get!.call(input) as string;
  let state = tracked;
  const changes: string[] = [];
  Object.defineProperty(input, "value", {
    configurable: true,
    get: () => native.get!.call(input),
    set: (value: string) => {
      tracked = String(value);
      native.set!.call(input, value);
    },
  });
  input.addEventListener("input", () => {
    const current = native.get!.call(input) as string;
    if (current !== tracked) {
      tracked = current;
      state = current; // onChange → setState
      changes.push(current);
    }
    input.value = state; // re-render of the controlled value
  });
  return { state: () => state, changes };
}

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("fillCode", () => {
  it("fills a React-controlled input so that React's state changes", () => {
    document.body.innerHTML = `<input autocomplete="one-time-code" id="otp">`;
    const input = document.getElementById("otp") as HTMLInputElement;
    const react = makeReactControlled(input);
    expect(fillCode(findOtpField(document)!, "066474")).toBe(true);
    expect(react.state()).toBe("066474");
    expect(react.changes).toEqual(["066474"]);
    expect(input.value).toBe("066474");
  });

  it("is needed: a plain assignment is swallowed by the controlled input (the test can fail)", () => {
    document.body.innerHTML = `<input autocomplete="one-time-code" id="otp">`;
    const input = document.getElementById("otp") as HTMLInputElement;
    const react = makeReactControlled(input);
    input.value = "066474";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    expect(react.state()).toBe("");
    expect(input.value).toBe("");
  });

  it("fires the events Vue's v-model and form scripts listen to, with real keys", () => {
    document.body.innerHTML = `<input autocomplete="one-time-code" id="otp">`;
    const input = document.getElementById("otp") as HTMLInputElement;
    const seen: string[] = [];
    for (const type of ["keydown", "beforeinput", "input", "keyup", "change"]) {
      input.addEventListener(type, (event) => {
        const detail = event instanceof KeyboardEvent ? `:${event.key}` : "";
        seen.push(`${type}${detail}`);
      });
    }
    fillCode(findOtpField(document)!, "123456");
    expect(seen).toEqual(["keydown:6", "beforeinput", "input", "keyup:6", "change"]);
    expect(document.activeElement).toBe(input);
  });

  it("puts one digit in each box of a split input, even when the page moves focus itself", () => {
    document.body.innerHTML = readFileSync(path.join(fixtures, "split-six.html"), "utf8");
    const match = findOtpField(document, { codeLength: 6 });
    if (match?.kind !== "split") throw new Error("expected split boxes");
    match.fields.forEach((box, i) => {
      box.addEventListener("input", () => match.fields[i + 1]?.focus()); // auto-advance, as such widgets do
    });
    const reactBoxes = match.fields.map(makeReactControlled);
    expect(fillCode(match, "907153")).toBe(true);
    expect(match.fields.map((box) => box.value).join("")).toBe("907153");
    expect(reactBoxes.map((box) => box.state()).join("")).toBe("907153");
    expect((document.querySelector("[name=tel1]") as HTMLInputElement).value).toBe("");
  });

  it("refuses a split group whose size differs from the code", () => {
    document.body.innerHTML = readFileSync(path.join(fixtures, "split-six.html"), "utf8");
    const match = findOtpField(document, { codeLength: 6 })!;
    expect(fillCode(match, "12345678")).toBe(false);
  });
});

describe("fillOtpCode (what the content script runs)", () => {
  it("fills the Japanese-labelled field and reports success", () => {
    document.body.innerHTML = readFileSync(path.join(fixtures, "japanese-label.html"), "utf8");
    expect(fillOtpCode(document, "482910")).toEqual({ status: "filled", kind: "single" });
    expect((document.getElementById("f1") as HTMLInputElement).value).toBe("482910");
    expect((document.querySelector("[name=keyword]") as HTMLInputElement).value).toBe("");
  });

  it("reports no-field on a page of decoys and touches nothing", () => {
    const html = readFileSync(path.join(fixtures, "decoys.html"), "utf8");
    document.body.innerHTML = html;
    const before = Array.from(document.querySelectorAll("input")).map((input) => input.value);
    expect(fillOtpCode(document, "482910")).toEqual({ status: "failed", reason: "no-field" });
    expect(Array.from(document.querySelectorAll("input")).map((input) => input.value)).toEqual(before);
  });

  it("rejects anything but a 6- or 8-digit code", () => {
    document.body.innerHTML = `<input autocomplete="one-time-code">`;
    for (const code of ["", "12345", "1234567", "abcdef", "123456789"]) {
      expect(fillOtpCode(document, code)).toEqual({ status: "failed", reason: "bad-code" });
    }
    expect(document.querySelector("input")!.value).toBe("");
  });

  it("fills only while the document is at the origin the background checked", () => {
    document.body.innerHTML = `<input autocomplete="one-time-code">`;
    const here = document.location.origin;
    expect(fillOtpCode(document, "482910", "https://bank.example")).toEqual({
      status: "failed",
      reason: "wrong-origin",
    });
    expect(document.querySelector("input")!.value).toBe("");
    expect(fillOtpCode(document, "482910", here)).toEqual({ status: "filled", kind: "single" });
  });

  it("recognises only its own message", () => {
    const origin = "https://portal.example";
    expect(isFillRequest({ type: FILL_MESSAGE, code: "123456", origin })).toBe(true);
    expect(isFillRequest({ type: FILL_MESSAGE, code: "123456" })).toBe(false);
    expect(isFillRequest({ type: "other", code: "123456", origin })).toBe(false);
    expect(isFillRequest({ type: FILL_MESSAGE, code: 123456, origin })).toBe(false);
    expect(isFillRequest(null)).toBe(false);
  });
});
