// Bitwarden's JSON export: login.totp as a bare base32 key (spaces allowed), an otpauth:// URI or a steam:// key
// (named as unsupported); logins without a TOTP are not entries; encrypted exports are refused with a reason.
import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { bitwardenFile, bytesOf, KEY_A, KEY_B, KEY_C } from "../../support/import-fixtures";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));
const { detectAndParse } = await import("../../../../extension/import/detect-and-parse");
const { stopOf } = await import("./stop-of");

describe("Bitwarden", () => {
  it("reads login.totp as a bare key, an otpauth:// URI or steam:// (unsupported)", async () => {
    const parsed = await detectAndParse(
      bytesOf(
        bitwardenFile([
          { name: "Alpha Bank", username: "ann@example.jp", totp: "jbsw y3dp ehpk 3pxp" },
          {
            name: "Beta site",
            username: "b",
            totp: `otpauth://totp/Beta:bob?secret=${KEY_B}&issuer=Beta&digits=8`,
          },
          { name: "Steam", username: "gamer", totp: `steam://${KEY_C}` },
          { name: "No 2FA", username: "x", totp: null },
          { name: "Short", username: "s", totp: "JBSWY3DP" },
        ]),
      ),
    );
    expect(parsed).toMatchObject({ format: "bitwarden", encrypted: false });
    expect(
      parsed.candidates.map((c) => [c.params.issuer, c.params.label, c.params.secret, c.params.digits]),
    ).toEqual([
      ["Alpha Bank", "ann@example.jp", KEY_A, 6],
      ["Beta", "bob", KEY_B, 8],
    ]);
    expect(parsed.skipped).toEqual([
      { at: 4, byLine: false, issuer: "Steam", label: "gamer", reason: "unsupported-type", found: "steam" },
      { at: 6, byLine: false, issuer: "Short", label: "s", reason: "bad-secret", found: "too-short" },
    ]);
  });

  it("refuses an encrypted export, and a file with no TOTP at all as empty", async () => {
    const encrypted = {
      encrypted: true,
      passwordProtected: true,
      salt: "c2FsdA==",
      kdfType: 0,
      kdfIterations: 600000,
      encKeyValidation_DO_NOT_EDIT: "2.x|y|z",
      data: "2.a|b|c",
    };
    expect(await stopOf(detectAndParse(bytesOf(JSON.stringify(encrypted))))).toBe("unsupported-encryption");
    expect(await stopOf(detectAndParse(bytesOf(bitwardenFile([{ name: "x", totp: null }]))))).toBe("empty");
  });
});
