import { describe, expect, it } from "vitest";
import { encodeBase32 } from "../../../shared/base32";
import { generateCode, groupCode, nextCode, secondsRemaining } from "../../../shared/totp";
import type { OtpAlgorithm, OtpParameters } from "../../../shared/types";

// RFC 6238 Appendix B: ASCII seeds of 20, 32 and 64 bytes, 8 digits, 30-second steps.
const seeds: Record<OtpAlgorithm, string> = {
  SHA1: "12345678901234567890",
  SHA256: "12345678901234567890123456789012",
  SHA512: "1234567890123456789012345678901234567890123456789012345678901234",
};
const vectors: [number, string, string, string][] = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

function account(algorithm: OtpAlgorithm, overrides: Partial<OtpParameters> = {}): OtpParameters {
  return {
    type: "totp",
    issuer: "RFC",
    label: "6238",
    secret: encodeBase32(new TextEncoder().encode(seeds[algorithm])),
    algorithm,
    digits: 8,
    period: 30,
    ...overrides,
  };
}

describe("TOTP", () => {
  it.each(vectors)("matches RFC 6238 at T=%i", (seconds, sha1, sha256, sha512) => {
    expect(generateCode(account("SHA1"), seconds * 1000)).toBe(sha1);
    expect(generateCode(account("SHA256"), seconds * 1000)).toBe(sha256);
    expect(generateCode(account("SHA512"), seconds * 1000)).toBe(sha512);
  });

  it("gives 6-digit codes as the last six digits", () => {
    expect(generateCode(account("SHA1", { digits: 6 }), 59_000)).toBe("287082");
  });

  it("gives the next step's code", () => {
    expect(nextCode(account("SHA1"), 1111111080_000)).toBe(generateCode(account("SHA1"), 1111111110_000));
    expect(nextCode(account("SHA1"), 1111111080_000)).toBe("14050471");
  });

  it("computes HOTP from the counter (RFC 4226 vectors)", () => {
    const hotp = account("SHA1", { type: "hotp", digits: 6, counter: 0 });
    expect(generateCode(hotp)).toBe("755224");
    expect(generateCode({ ...hotp, counter: 9 })).toBe("520489");
    expect(nextCode(hotp)).toBe("287082");
  });

  it("counts the seconds left in a step", () => {
    expect(secondsRemaining(30, 30_000)).toBe(30);
    expect(secondsRemaining(30, 30_001)).toBe(30);
    expect(secondsRemaining(30, 59_000)).toBe(1);
    expect(secondsRemaining(30, 59_999)).toBe(1);
    expect(secondsRemaining(60, 90_000)).toBe(30);
  });

  it("groups codes for reading", () => {
    expect(groupCode("066474")).toBe("066 474");
    expect(groupCode("12345678")).toBe("1234 5678");
    expect(groupCode("12345")).toBe("12345");
  });
});
