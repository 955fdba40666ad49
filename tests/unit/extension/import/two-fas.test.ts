// 2FAS backups (.2fas), plain and encrypted (PBKDF2-SHA256 10,000 + AES-256-GCM, "data:salt:iv" fields):
// services read with issuer and account, Steam named as unsupported, the reference field telling a wrong
// password from a damaged services field.
import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { bytesOf, KEY_A, KEY_B, KEY_C, twoFasFile } from "../../support/import-fixtures";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));
const { detectAndParse } = await import("../../../../extension/import/detect-and-parse");
const { openWithPasswordOnly, readPlain, stopOf } = await import("./stop-of");

const SERVICES = [
  { name: "Alpha Bank", account: "ann@example.jp", secret: KEY_A },
  { name: "Beta", account: "bob", secret: KEY_B, digits: 8, algorithm: "SHA512" },
  { name: "Steam", account: "gamer", secret: KEY_C, tokenType: "STEAM", digits: 5 },
];

describe("2FAS", () => {
  it("reads a plain backup and names the Steam entry it cannot use", async () => {
    const parsed = await readPlain(twoFasFile(SERVICES), "2fas");
    expect(
      parsed.candidates.map((c) => [c.params.issuer, c.params.label, c.params.digits, c.params.algorithm]),
    ).toEqual([
      ["Alpha Bank", "ann@example.jp", 6, "SHA1"],
      ["Beta", "bob", 8, "SHA512"],
    ]);
    expect(parsed.skipped).toEqual([
      { at: 3, byLine: false, issuer: "Steam", label: "gamer", reason: "unsupported-type", found: "steam" },
    ]);
  });

  it("opens an encrypted backup with its password only", async () => {
    const file = bytesOf(twoFasFile(SERVICES.slice(0, 2), "2fas password"));
    const parsed = await openWithPasswordOnly(file, "2fas password", "2FAS password");
    expect(parsed).toMatchObject({ format: "2fas", encrypted: true });
    expect(parsed.candidates.map((c) => c.params.secret)).toEqual([KEY_A, KEY_B]);
  });

  it("calls a services field that does not open with the right password damaged, and refuses unknown versions", async () => {
    const file = JSON.parse(twoFasFile(SERVICES.slice(0, 1), "pw"));
    const [data, salt, iv] = file.servicesEncrypted.split(":");
    file.servicesEncrypted = [data.slice(0, 20), salt, iv].join(":");
    expect(await stopOf(detectAndParse(bytesOf(JSON.stringify(file)), "pw"))).toBe("damaged");
    file.servicesEncrypted = "not-three-parts";
    expect(await stopOf(detectAndParse(bytesOf(JSON.stringify(file)), "pw"))).toBe("damaged");
    const future = JSON.parse(twoFasFile(SERVICES.slice(0, 1)));
    future.schemaVersion = 9;
    expect(await stopOf(detectAndParse(bytesOf(JSON.stringify(future))))).toBe("unknown-format");
  });
});
