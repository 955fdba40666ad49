import { describe, expect, it } from "vitest";
import {
  generateTotpSecret,
  groupSecretForReading,
  normalizeOtpInput,
  totpCodeAt,
  totpStep,
  totpUri,
  verifyTotp,
} from "../../../../portal/auth/totp";

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890"; the 6-digit code is the 8-digit one's last six.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP", () => {
  it.each(RFC_VECTORS)("matches RFC 6238 at T=%i", (seconds, eightDigits) => {
    const now = new Date(seconds * 1000);
    expect(totpCodeAt(RFC_SECRET, totpStep(now))).toBe(eightDigits.slice(2));
    expect(
      verifyTotp({ secretBase32: RFC_SECRET, code: eightDigits.slice(2), now, lastUsedStep: null }),
    ).toEqual({
      ok: true,
      step: totpStep(now),
    });
  });

  it("makes 160-bit secrets", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it("builds the exact provisioning URI and a readable key", () => {
    expect(totpUri("K0001234", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).toBe(
      "otpauth://totp/KOSMO%20Web:K0001234?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=KOSMO%20Web" +
        "&algorithm=SHA1&digits=6&period=30",
    );
    expect(groupSecretForReading("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).toBe(
      "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP",
    );
  });

  it("accepts spaces and full-width digits, refuses anything else", () => {
    expect(normalizeOtpInput("066 474")).toBe("066474");
    expect(normalizeOtpInput("０６６　４７４")).toBe("066474");
    expect(normalizeOtpInput(" 066474\n")).toBe("066474");
    expect(normalizeOtpInput("06647")).toBeNull();
    expect(normalizeOtpInput("0664745")).toBeNull();
    expect(normalizeOtpInput("06647a")).toBeNull();
    expect(
      verifyTotp({ secretBase32: RFC_SECRET, code: "abc", now: new Date(), lastUsedStep: null }),
    ).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("accepts one step either side and no further", () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    const at = (s: number) =>
      verifyTotp({ secretBase32: RFC_SECRET, code: totpCodeAt(RFC_SECRET, s), now, lastUsedStep: null });
    expect(at(step - 1)).toEqual({ ok: true, step: step - 1 });
    expect(at(step)).toEqual({ ok: true, step });
    expect(at(step + 1)).toEqual({ ok: true, step: step + 1 });
    expect(at(step - 2)).toEqual({ ok: false, reason: "wrong" });
    expect(at(step + 2)).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses a replayed code and any code of an earlier step, even inside the window", () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    const code = (s: number) => totpCodeAt(RFC_SECRET, s);
    expect(verifyTotp({ secretBase32: RFC_SECRET, code: code(step), now, lastUsedStep: step })).toEqual({
      ok: false,
      reason: "replayed",
    });
    expect(verifyTotp({ secretBase32: RFC_SECRET, code: code(step - 1), now, lastUsedStep: step })).toEqual({
      ok: false,
      reason: "replayed",
    });
    expect(verifyTotp({ secretBase32: RFC_SECRET, code: code(step + 1), now, lastUsedStep: step })).toEqual({
      ok: true,
      step: step + 1,
    });
    expect(verifyTotp({ secretBase32: RFC_SECRET, code: code(step), now, lastUsedStep: step - 1 })).toEqual({
      ok: true,
      step,
    });
  });
});
