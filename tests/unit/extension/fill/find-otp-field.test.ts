// @vitest-environment happy-dom
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { findOtpField, type OtpFieldMatch } from "../../../../extension/fill/find-otp-field";

const fixtures = path.resolve(import.meta.dirname, "../../../fixtures/fill");

function load(name: string): void {
  document.body.innerHTML = readFileSync(path.join(fixtures, name), "utf8");
}

function single(match: OtpFieldMatch | null): HTMLInputElement {
  if (match?.kind !== "single") throw new Error(`expected a single field, got ${match?.kind ?? "null"}`);
  return match.field;
}

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("findOtpField", () => {
  it("prefers autocomplete=one-time-code over everything else", () => {
    load("single-autocomplete.html");
    const match = findOtpField(document);
    expect(single(match).name).toBe("x7");
    expect(match!.score).toBeGreaterThanOrEqual(100);
  });

  // [what the test says, the fixture page, the found field's attribute and its value]
  it.each([
    [
      "finds a field by its Japanese label (認証コード) and skips the search box",
      "japanese-label.html",
      "id",
      "f1",
    ],
    ["uses the instruction text just before an unnamed field", "context-text.html", "name", "value_1"],
    [
      "finds an English field by name and placeholder",
      "english-placeholder.html",
      "name",
      "verificationCode",
    ],
    [
      "takes a mail code field (メール…確認コード) but not the e-mail address field",
      "mail-otp-ja.html",
      "name",
      "mail_code",
    ],
  ] as const)("%s", (_title, fixture, attribute, value) => {
    load(fixture);
    expect(single(findOtpField(document))[attribute]).toBe(value);
  });

  it("finds six one-digit boxes as one split field, ignoring the split phone number", () => {
    load("split-six.html");
    const match = findOtpField(document, { codeLength: 6 });
    expect(match?.kind).toBe("split");
    if (match?.kind !== "split") return;
    expect(match.fields.map((box) => box.getAttribute("aria-label"))).toEqual([
      "1桁目",
      "2桁目",
      "3桁目",
      "4桁目",
      "5桁目",
      "6桁目",
    ]);
  });

  it("does not use six boxes for an 8-digit code", () => {
    load("split-six.html");
    expect(findOtpField(document, { codeLength: 8 })).toBeNull();
  });

  it("finds nothing on a page of decoys (search, e-mail, user, password, phone, coupon, card, zip, captcha, hidden, disabled, read-only, filled)", () => {
    load("decoys.html");
    expect(findOtpField(document)).toBeNull();
  });

  it("never picks a field that holds something other than digits, but refills a partial code", () => {
    document.body.innerHTML = `<input name="otp" value="abc"><input name="totp" value="12 3">`;
    expect(single(findOtpField(document)).name).toBe("totp");
  });

  it("ignores a bare text field without any hint", () => {
    document.body.innerHTML = `<form><input type="text" name="field1"><button>送信</button></form>`;
    expect(findOtpField(document)).toBeNull();
  });

  it("accepts a password-type field only when it is clearly an OTP field", () => {
    document.body.innerHTML = `<input type="password" name="pass"><input type="password" name="otp" maxlength="6">`;
    expect(single(findOtpField(document)).name).toBe("otp");
  });

  it("gives weight to the focused field among similar ones", () => {
    document.body.innerHTML = `<input name="code" id="a"><input name="code2" id="b">`;
    const b = document.getElementById("b")!;
    expect(single(findOtpField(document, { focused: b })).id).toBe("b");
  });

  it("finds a field inside an open shadow root", () => {
    document.body.innerHTML = `<otp-widget></otp-widget>`;
    const host = document.querySelector("otp-widget")!;
    const shadow = host.attachShadow({ mode: "open" });
    shadow.innerHTML = `<input autocomplete="one-time-code" id="inner">`;
    expect(single(findOtpField(document)).id).toBe("inner");
  });

  it("folds full-width letters (ＯＴＰ) before matching", () => {
    document.body.innerHTML = `<input type="text" name="a" placeholder="ＯＴＰを入力">`;
    expect(single(findOtpField(document)).name).toBe("a");
  });
});
