import { describe, expect, it } from "vitest";
import { formatOtpauthUri, parseOtpauthUri } from "../../../shared/otpauth";
import type { OtpParameters } from "../../../shared/types";

const SECRET = "JBSWY3DPEHPK3PXP";

function parsed(uri: string): OtpParameters {
  const result = parseOtpauthUri(uri);
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.account;
}

function error(uri: string) {
  const result = parseOtpauthUri(uri);
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

describe("parseOtpauthUri", () => {
  it("parses Google's example with defaults", () => {
    expect(parsed(`otpauth://totp/Example:alice@google.com?secret=${SECRET}&issuer=Example`)).toEqual({
      type: "totp",
      issuer: "Example",
      label: "alice@google.com",
      secret: SECRET,
      algorithm: "SHA1",
      digits: 6,
      period: 30,
    });
  });

  it("reads algorithm, digits and period case-insensitively", () => {
    const account = parsed(
      `OTPAUTH://TOTP/ACME:john?SECRET=${SECRET.toLowerCase()}&Algorithm=sha256&DIGITS=8&period=60`,
    );
    expect(account).toMatchObject({ algorithm: "SHA256", digits: 8, period: 60, secret: SECRET });
    expect(parsed(`otpauth://totp/x?secret=${SECRET}&algorithm=SHA-512`).algorithm).toBe("SHA512");
  });

  it("takes the issuer from the label when there is no issuer parameter", () => {
    expect(parsed(`otpauth://totp/KOSMO%20Web:taro%40example.jp?secret=${SECRET}`)).toMatchObject({
      issuer: "KOSMO Web",
      label: "taro@example.jp",
    });
    expect(parsed(`otpauth://totp/KOSMO%3A%20hanako?secret=${SECRET}`)).toMatchObject({
      issuer: "KOSMO",
      label: "hanako",
    });
  });

  it("prefers the issuer parameter over the label prefix", () => {
    expect(parsed(`otpauth://totp/Old%20Name:taro?secret=${SECRET}&issuer=New+Name`)).toMatchObject({
      issuer: "New Name",
      label: "taro",
    });
  });

  it("accepts a label without an issuer, Japanese text and a spaced key", () => {
    const account = parsed(`otpauth://totp/%E5%A4%AA%E9%83%8E?secret=JBSW%20Y3DP%20EHPK%203PXP`);
    expect(account).toMatchObject({ issuer: "", label: "太郎", secret: SECRET });
  });

  it("tolerates what QR generators emit: raw spaces and Japanese in the label, a #fragment", () => {
    expect(parsed(`otpauth://totp/KOSMO Web:太郎?secret=${SECRET}#x`)).toMatchObject({
      issuer: "KOSMO Web",
      label: "太郎",
    });
  });

  it("parses HOTP with its counter", () => {
    expect(parsed(`otpauth://hotp/ACME:bob?secret=${SECRET}&counter=42`)).toMatchObject({
      type: "hotp",
      counter: 42,
    });
  });

  it.each([
    ["", "empty", ""],
    ["hello world", "not-otpauth", ""],
    ["WIFI:S:home;T:WPA;P:hunter22;;", "not-otpauth", "WIFI:"],
    ["https://user:pw@example.com/login?x=1", "is-url", "example.com"],
    ["otpauth-migration://offline?data=CjEK", "is-migration", "otpauth-migration"],
    ["otpauth://totp", "malformed", ""],
    [`otpauth://steam/Steam:me?secret=${SECRET}`, "unsupported-type", "steam"],
    ["otpauth://totp/ACME:me?issuer=ACME", "bad-secret", "missing"],
    ["otpauth://totp/ACME:me?secret=NOT-BASE32-0189", "bad-secret", "invalid-character"],
    ["otpauth://totp/ACME:me?secret=JBSWY3DP", "bad-secret", "too-short"],
    [`otpauth://totp/ACME:me?secret=${SECRET}&digits=7`, "bad-digits", "7"],
    [`otpauth://totp/ACME:me?secret=${SECRET}&algorithm=MD5`, "bad-algorithm", "MD5"],
    [`otpauth://totp/ACME:me?secret=${SECRET}&period=0`, "bad-period", "0"],
    [`otpauth://totp/ACME:me?secret=${SECRET}&period=-30`, "bad-period", "-30"],
    [`otpauth://hotp/ACME:me?secret=${SECRET}`, "bad-counter", "missing"],
  ])("rejects %j as %s naming %j", (uri, code, found) => {
    expect(error(uri)).toEqual({ code, found });
  });

  it("never puts the secret in the error", () => {
    const bad = error("otpauth://totp/ACME:me?secret=ABCDEFGHIJKLMNOP1&digits=6");
    expect(JSON.stringify(bad)).not.toContain("ABCDEFGH");
  });
});

describe("formatOtpauthUri", () => {
  // The portal's set-up QR code and an extension export of a counter-based account without issuer.
  const portalAccount: OtpParameters = {
    type: "totp",
    issuer: "KOSMO Web",
    label: "a.b_c@d-e",
    secret: SECRET,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  };
  const counterAccount: OtpParameters = {
    type: "hotp",
    issuer: "",
    label: "太郎",
    secret: SECRET,
    algorithm: "SHA256",
    digits: 8,
    period: 30,
    counter: 7,
  };

  it("writes the issuer in the label and the parameters in a fixed order, secret first", () => {
    const portalUri = `otpauth://totp/KOSMO%20Web:a.b_c%40d-e?secret=${SECRET}&issuer=KOSMO%20Web&algorithm=SHA1&digits=6&period=30`;
    expect(formatOtpauthUri(portalAccount)).toBe(portalUri);
    expect(formatOtpauthUri(counterAccount)).toBe(
      `otpauth://hotp/%E5%A4%AA%E9%83%8E?secret=${SECRET}&algorithm=SHA256&digits=8&counter=7`,
    );
  });

  it("refuses a secret that is not base32", () => {
    expect(() => formatOtpauthUri({ ...portalAccount, secret: "not base32!" })).toThrow();
  });

  it("round-trips through the parser", () => {
    const accounts: OtpParameters[] = [
      {
        type: "totp",
        issuer: "KOSMO Web",
        label: "taro@example.jp",
        secret: SECRET,
        algorithm: "SHA256",
        digits: 8,
        period: 60,
      },
      { type: "totp", issuer: "", label: "太郎", secret: SECRET, algorithm: "SHA1", digits: 6, period: 30 },
      {
        type: "hotp",
        issuer: "A&B",
        label: "x:y",
        secret: SECRET,
        algorithm: "SHA512",
        digits: 6,
        period: 30,
        counter: 7,
      },
    ];
    for (const account of accounts) {
      const uri = formatOtpauthUri(account);
      expect(uri.startsWith("otpauth://")).toBe(true);
      expect(parsed(uri)).toEqual(account);
    }
  });
});
