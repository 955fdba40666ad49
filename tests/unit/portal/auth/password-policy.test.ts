import { describe, expect, it } from "vitest";
import { checkNewPassword, isCommonPassword } from "../../../../portal/auth/password-policy";

const check = (password: string, confirmation = password, userId = "kosmo-member-01") =>
  checkNewPassword({ password, confirmation, userId });

describe("new password policy", () => {
  it("accepts 12 characters and long passphrases up to 128, any characters", () => {
    expect(check("abcdefghijk!")).toBeNull();
    expect(check("あいうえおかきくけこさし")).toBeNull(); // 12 code points
    expect(check("x".repeat(64))).toBeNull();
    expect(check("y".repeat(128))).toBeNull();
  });

  it("counts code points, not UTF-16 units", () => {
    expect(check("😀".repeat(11))).toBe("password.tooShort");
    expect(check("😀".repeat(12))).toBeNull();
  });

  it("refuses short, too long, empty and control characters", () => {
    expect(check("")).toBe("password.required");
    expect(check("abcdefghijk")).toBe("password.tooShort");
    expect(check("z".repeat(129))).toBe("password.tooLong");
    expect(check("abcdefghij\u0000kl")).toBe("password.controlCharacters");
  });

  it("refuses a different confirmation", () => {
    expect(check("correct horse battery", "correct horse batterY")).toBe("password.mismatch");
  });

  it("refuses the user ID in any case", () => {
    expect(check("KOSMO-MEMBER-01")).toBe("password.sameAsUserId");
  });

  it("refuses common passwords case-insensitively (49k list)", () => {
    expect(isCommonPassword("password1234")).toBe(true);
    expect(isCommonPassword("PassWord1234")).toBe(true);
    expect(check("Password1234")).toBe("password.common");
    expect(check("qwertyuiop123")).toBe(isCommonPassword("qwertyuiop123") ? "password.common" : null);
    expect(isCommonPassword("kosmo portal passphrase 2026")).toBe(false);
  });
});
