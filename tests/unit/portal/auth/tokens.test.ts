import { describe, expect, it } from "vitest";
import { constantTimeEqual, hashToken, isWellFormedToken, randomToken } from "../../../../portal/auth/tokens";

describe("tokens", () => {
  it("are 256-bit base64url and unique", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => randomToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(isWellFormedToken(token)).toBe(true);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });

  it("are stored as SHA-256 hex, never as themselves", () => {
    const token = randomToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashToken(token)).toBe(hash);
    // FIPS 180-2 test vector: stored rows stay findable whichever hashing call computes it.
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("reject malformed input before any lookup", () => {
    for (const bad of [undefined, "", "abc", `${randomToken()}x`, `${"a".repeat(42)}!`, 42]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });

  it("compare in constant time and exactly", () => {
    expect(constantTimeEqual("1980-04-01", "1980-04-01")).toBe(true);
    expect(constantTimeEqual("1980-04-01", "1980-04-02")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
  });
});
