// andOTP backups: the plain JSON list (issuer from "issuer - name" labels when missing) and the encrypted
// .json.aes (int32 iterations ‖ salt ‖ nonce ‖ AES-256-GCM under PBKDF2-SHA1); absurd iteration counts are
// refused before deriving, a file that is not andOTP at all is not mistaken for one.
import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { andOtpEncrypted, andOtpList, bytesOf, KEY_A, KEY_B, KEY_C } from "../../support/import-fixtures";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));
const { detectAndParse } = await import("../../../../extension/import/detect-and-parse");
const { openWithPasswordOnly, readPlain, stopOf } = await import("./stop-of");

const ENTRIES = [
  { secret: KEY_A, label: "ann@example.jp", issuer: "Alpha Bank" },
  { secret: KEY_B, label: "Beta - bob", type: "HOTP", counter: 3 },
  { secret: KEY_C, label: "Steam - gamer", type: "STEAM", digits: 5 },
];

describe("andOTP", () => {
  it("reads a plain list, splitting 'issuer - name' labels, and names the Steam entry", async () => {
    const parsed = await readPlain(andOtpList(ENTRIES), "andotp");
    expect(
      parsed.candidates.map((c) => [c.params.type, c.params.issuer, c.params.label, c.params.counter]),
    ).toEqual([
      ["totp", "Alpha Bank", "ann@example.jp", undefined],
      ["hotp", "Beta", "bob", 3],
    ]);
    expect(parsed.skipped).toMatchObject([
      { at: 3, issuer: "Steam", label: "gamer", reason: "unsupported-type" },
    ]);
  });

  it("opens an encrypted backup with its password only", async () => {
    const file = andOtpEncrypted(ENTRIES.slice(0, 2), "andotp pw", 140_000);
    const parsed = await openWithPasswordOnly(file, "andotp pw", "andotp PW");
    expect(parsed).toMatchObject({ format: "andotp", encrypted: true });
    expect(parsed.candidates.map((c) => c.params.secret)).toEqual([KEY_A, KEY_B]);
  });

  it("refuses more than 1,000,000 PBKDF2 iterations before deriving", async () => {
    const file = andOtpEncrypted(ENTRIES.slice(0, 1), "pw", 50_000_000);
    const started = performance.now();
    expect(await stopOf(detectAndParse(file, "pw"))).toBe("kdf-too-costly");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("does not take a picture or a cut-short file for an andOTP backup", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(60).fill(7)]);
    expect(await stopOf(detectAndParse(png, "pw"))).toBe("unknown-format");
    const file = andOtpEncrypted(ENTRIES.slice(0, 1), "pw", 1000);
    expect(await stopOf(detectAndParse(file.slice(0, 30), "pw"))).toBe("unknown-format");
    expect(await stopOf(detectAndParse(bytesOf(andOtpList(ENTRIES).slice(0, 50))))).toBe("damaged");
  });
});
