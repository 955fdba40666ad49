// Aegis vault exports, plain and encrypted (scrypt-wrapped master key, AES-256-GCM db), made by the fixture
// writer with Node's crypto: entries read, Steam/Yandex named as unsupported, a wrong password, a truncated
// or biometric-only file and absurd scrypt parameters refused as a whole.
import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { aegisEncrypted, aegisPlain, bytesOf, KEY_A, KEY_B, KEY_C } from "../../support/import-fixtures";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));
const { detectAndParse } = await import("../../../../extension/import/detect-and-parse");
const { openWithPasswordOnly, readPlain, stopOf } = await import("./stop-of");

const ENTRIES = [
  { name: "ann@example.jp", issuer: "Alpha Bank", secret: KEY_A },
  { name: "bob", issuer: "Beta", secret: KEY_B, type: "hotp", counter: 7, algo: "SHA256", digits: 8 },
  { name: "steamuser", issuer: "Steam", secret: KEY_C, type: "steam", digits: 5 },
  { name: "yan", issuer: "Yandex", secret: KEY_C, type: "yandex" },
];

describe("Aegis", () => {
  it("reads a plain export: TOTP and HOTP accounts, Steam and Yandex named as unsupported", async () => {
    const parsed = await readPlain(aegisPlain(ENTRIES), "aegis");
    expect(parsed.candidates.map((c) => c.params)).toEqual([
      {
        type: "totp",
        issuer: "Alpha Bank",
        label: "ann@example.jp",
        secret: KEY_A,
        algorithm: "SHA1",
        digits: 6,
        period: 30,
      },
      {
        type: "hotp",
        issuer: "Beta",
        label: "bob",
        secret: KEY_B,
        algorithm: "SHA256",
        digits: 8,
        period: 30,
        counter: 7,
      },
    ]);
    expect(parsed.skipped).toEqual([
      {
        at: 3,
        byLine: false,
        issuer: "Steam",
        label: "steamuser",
        reason: "unsupported-type",
        found: "steam",
      },
      { at: 4, byLine: false, issuer: "Yandex", label: "yan", reason: "unsupported-type", found: "yandex" },
    ]);
  });

  it("opens an encrypted export only with its password (scrypt N=2^15, r=8, p=1 unwraps the master key)", async () => {
    const file = bytesOf(aegisEncrypted(ENTRIES.slice(0, 2), "aegis pass ✓"));
    const parsed = await openWithPasswordOnly(file, "aegis pass ✓", "aegis pass");
    expect(parsed).toMatchObject({ format: "aegis", encrypted: true, skipped: [] });
    expect(parsed.candidates.map((c) => [c.params.issuer, c.params.secret])).toEqual([
      ["Alpha Bank", KEY_A],
      ["Beta", KEY_B],
    ]);
  });

  it("names the format of a password question so the page can say whose password it needs", async () => {
    const file = bytesOf(aegisEncrypted(ENTRIES.slice(0, 1), "pw"));
    await expect(detectAndParse(file)).rejects.toMatchObject({ outcome: "needs-password", format: "aegis" });
  });

  it("refuses a truncated file: cut JSON, and a db cut short whose key the password did open", async () => {
    const text = aegisEncrypted(ENTRIES.slice(0, 1), "pw");
    expect(await stopOf(detectAndParse(bytesOf(text.slice(0, text.length - 40))))).toBe("damaged");
    const file = JSON.parse(text);
    file.db = file.db.slice(0, 24);
    expect(await stopOf(detectAndParse(bytesOf(JSON.stringify(file)), "pw"))).toBe("damaged");
  });

  it("refuses absurd scrypt parameters before deriving anything, and a vault with no password slot", async () => {
    for (const slot of [
      { n: 2 ** 22, r: 8, p: 1 }, // 4 GiB
      { n: 2 ** 15, r: 1024, p: 1 },
      { n: 2 ** 15, r: 8, p: 64 },
    ]) {
      const file = JSON.parse(aegisEncrypted(ENTRIES.slice(0, 1), "pw", { n: 1024, r: 1, p: 1 }));
      Object.assign(file.header.slots[1], slot);
      const started = performance.now();
      expect(await stopOf(detectAndParse(bytesOf(JSON.stringify(file)), "pw"))).toBe("kdf-too-costly");
      expect(performance.now() - started).toBeLessThan(1000); // refused, not attempted
    }
    const notPowerOfTwo = JSON.parse(aegisEncrypted(ENTRIES.slice(0, 1), "pw", { n: 1024, r: 1, p: 1 }));
    notPowerOfTwo.header.slots[1].n = 1000;
    expect(await stopOf(detectAndParse(bytesOf(JSON.stringify(notPowerOfTwo)), "pw"))).toBe("damaged");
    const biometricOnly = JSON.parse(aegisEncrypted(ENTRIES.slice(0, 1), "pw"));
    biometricOnly.header.slots.pop();
    expect(await stopOf(detectAndParse(bytesOf(JSON.stringify(biometricOnly)), "pw"))).toBe(
      "unsupported-encryption",
    );
  });
});
