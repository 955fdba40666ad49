import { describe, expect, it } from "vitest";
import { checkBase32Secret, decodeBase32, encodeBase32, normalizeBase32 } from "../../../shared/base32";

describe("base32", () => {
  it("normalises spaces, hyphens, lower case and padding", () => {
    expect(normalizeBase32(" jbsw y3dp-ehpk 3pxp== ")).toBe("JBSWY3DPEHPK3PXP");
    expect(normalizeBase32("jbsw\u3000y3dp")).toBe("JBSWY3DP");
  });

  it("accepts real keys and returns them normalised", () => {
    expect(checkBase32Secret("jbsw y3dp ehpk 3pxp")).toEqual({ ok: true, secret: "JBSWY3DPEHPK3PXP" });
    expect(checkBase32Secret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).toMatchObject({ ok: true });
  });

  it("rejects empty, foreign characters, short keys and impossible lengths with a reason", () => {
    expect(checkBase32Secret("  ")).toEqual({ ok: false, problem: "empty" });
    expect(checkBase32Secret("JBSWY3DPEHPK3PX1")).toEqual({ ok: false, problem: "invalid-character" });
    expect(checkBase32Secret("JBSWY3DPEHPK3PX0")).toEqual({ ok: false, problem: "invalid-character" });
    expect(checkBase32Secret("JBSWY3DP")).toEqual({ ok: false, problem: "too-short" });
    expect(checkBase32Secret("JBSWY3DPEHPK3PXPA")).toEqual({ ok: false, problem: "bad-length" });
    expect(checkBase32Secret("A".repeat(1032))).toEqual({ ok: false, problem: "too-long" });
  });

  it("encodes RFC 4648 test vectors without padding", () => {
    const cases: [string, string][] = [
      ["", ""],
      ["f", "MY"],
      ["fo", "MZXQ"],
      ["foo", "MZXW6"],
      ["foob", "MZXW6YQ"],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI"],
    ];
    for (const [plain, encoded] of cases) {
      expect(encodeBase32(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(decodeBase32(`${encoded.toLowerCase()}==`))).toBe(plain);
    }
  });

  it("round-trips random bytes", () => {
    for (let length = 1; length < 70; length += 7) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
    }
  });

  it("refuses to decode characters outside the alphabet", () => {
    expect(() => decodeBase32("MZXW1")).toThrow(TypeError);
  });
});
