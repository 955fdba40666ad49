import { describe, expect, it } from "vitest";
import { parseBirthDate, parseEmail, safeLocalPath, textField } from "../../../portal/form";

const today = new Date("2026-11-25T00:00:00Z");

/** Each input is refused (null); a failure names the input. */
function expectRefused(parse: (input: string) => string | null, inputs: string[]): void {
  for (const input of inputs) expect(parse(input), input).toBeNull();
}

describe("form input", () => {
  it("takes real birth dates only", () => {
    expect(parseBirthDate("1980-04-01", today)).toBe("1980-04-01");
    expect(parseBirthDate("2000-02-29", today)).toBe("2000-02-29");
    expectRefused(
      (input) => parseBirthDate(input, today),
      ["1999-02-29", "1980-13-01", "1980-4-1", "01/04/1980", "1899-12-31", "2030-01-01", ""],
    );
  });

  it("normalises e-mail addresses and refuses odd ones", () => {
    expect(parseEmail(" Hanako@Example.JP ")).toBe("hanako@example.jp");
    expectRefused(parseEmail, [
      "hanako",
      "hanako@localhost",
      "a b@example.jp",
      "a@b@example.jp",
      `${"x".repeat(250)}@ex.jp`,
    ]);
  });

  it("bounds text fields and refuses control characters", () => {
    expect(textField({ a: "  ok " }, "a", 5)).toEqual({ value: "ok", problem: null });
    expect(textField({}, "a", 5).problem).toBe("required");
    expect(textField({ a: "123456" }, "a", 5).problem).toBe("tooLong");
    expect(textField({ a: "a\u0007b" }, "a", 5).problem).toBe("controlCharacters");
  });

  it("redirects only to local paths", () => {
    expect(safeLocalPath("/first-login?x=1")).toBe("/first-login?x=1");
    for (const bad of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/a b",
      "javascript:alert(1)",
      undefined,
    ]) {
      expect(safeLocalPath(bad)).toBe("/");
    }
  });
});
