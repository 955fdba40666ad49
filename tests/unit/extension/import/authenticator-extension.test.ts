// The Chrome "Authenticator" extension's JSON backup: plain entries keyed by hash (hex keys converted, Steam
// and Battle.net named as unsupported), the v3 encrypted form (Argon2id key, CryptoJS AES entries) opened only
// with its password, and the legacy per-entry encryption with the password itself.
import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import {
  authenticatorEncrypted,
  authenticatorPlain,
  bytesOf,
  cryptoJsEncrypt,
  KEY_A,
  KEY_B,
  KEY_C,
} from "../../support/import-fixtures";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));
const { detectAndParse } = await import("../../../../extension/import/detect-and-parse");
const { openWithPasswordOnly, readPlain, stopOf } = await import("./stop-of");

const ENTRIES = [
  { account: "ann@example.jp", issuer: "Alpha Bank", secret: KEY_A },
  { account: "bob", issuer: "Beta", secret: KEY_B, type: "hotp", counter: 4, digits: 8 },
  { account: "gamer", issuer: "Steam", secret: KEY_C, type: "steam" },
  { account: "hex", issuer: "Hex Co", secret: "48656c6c6f21deadbeef", type: "hex" },
  { account: "wow", issuer: "Blizzard", secret: "GEZDGNBVGY3TQOJQ", type: "battle" },
];

describe("Authenticator extension backup", () => {
  it("reads the plain JSON backup", async () => {
    const parsed = await readPlain(authenticatorPlain(ENTRIES), "authenticator");
    expect(
      parsed.candidates.map((c) => [c.params.type, c.params.issuer, c.params.label, c.params.secret]),
    ).toEqual([
      ["totp", "Alpha Bank", "ann@example.jp", KEY_A],
      ["hotp", "Beta", "bob", KEY_B],
      ["totp", "Hex Co", "hex", "JBSWY3DPEHPK3PXP"],
    ]);
    expect(parsed.skipped.map((s) => [s.issuer, s.reason, s.found])).toEqual([
      ["Steam", "unsupported-type", "steam"],
      ["Blizzard", "unsupported-type", "battle"],
    ]);
  });

  it("opens the encrypted (v3) backup with its password only", async () => {
    const file = bytesOf(await authenticatorEncrypted(ENTRIES.slice(0, 2), "auth password"));
    const parsed = await openWithPasswordOnly(file, "auth password", "auth passw0rd");
    expect(parsed).toMatchObject({ format: "authenticator", encrypted: true, skipped: [] });
    expect(parsed.candidates.map((c) => [c.params.issuer, c.params.secret, c.params.counter])).toEqual([
      ["Alpha Bank", KEY_A, undefined],
      ["Beta", KEY_B, 4],
    ]);
  });

  it("opens legacy entries encrypted with the password itself", async () => {
    const legacy = JSON.parse(authenticatorPlain(ENTRIES.slice(0, 1)));
    for (const entry of Object.values(legacy) as { secret: string; encrypted: boolean }[]) {
      entry.secret = cryptoJsEncrypt(entry.secret, "old pw");
      entry.encrypted = true;
    }
    const file = bytesOf(JSON.stringify(legacy));
    expect(await stopOf(detectAndParse(file, "wrong"))).toBe("wrong-password");
    expect((await detectAndParse(file, "old pw")).candidates[0]?.params.secret).toBe(KEY_A);
  });

  it("names an entry whose key is missing from the file as unreadable", async () => {
    const file = JSON.parse(await authenticatorEncrypted(ENTRIES.slice(0, 2), "pw"));
    const [first] = Object.values(file) as { keyId: string }[];
    first!.keyId = "no-such-key";
    const parsed = await detectAndParse(bytesOf(JSON.stringify(file)), "pw");
    expect(parsed.candidates).toHaveLength(1);
    expect(parsed.skipped).toMatchObject([{ at: 1, reason: "unreadable" }]);
  });
});
