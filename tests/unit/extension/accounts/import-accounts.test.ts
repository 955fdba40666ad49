// Import parsing and merging: otpauth:// lines and Google Authenticator export lines, comments and blank
// lines ignored, every unusable line named by its number; duplicates of the vault or of an earlier line
// skipped by number, the rest appended in file order.
import { describe, expect, it } from "vitest";
import type { Account } from "../../../../extension/accounts/account";
import { mergeImport, parseImportText } from "../../../../extension/accounts/import-accounts";
import { migrationUri } from "../../support/migration-export";

const A = "otpauth://totp/Alpha:ann?secret=JBSWY3DPEHPK3PXP&issuer=Alpha";
const B = "otpauth://totp/Beta:bob?secret=KRSXG5CTMVRXEZLU&issuer=Beta&digits=8";
const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];

describe("parseImportText", () => {
  it("reads otpauth lines (CRLF, BOM, comments, blanks) and names each bad line with its error", () => {
    const text = `\uFEFF# Authenticator backup\r\n${A}\r\n\r\nhttps://example.com/\r\n${B}\r\notpauth://totp/x?secret=1\r\n`;
    const parsed = parseImportText(text);
    expect(parsed.candidates.map((c) => [c.line, c.params.issuer, c.params.digits])).toEqual([
      [2, "Alpha", 6],
      [5, "Beta", 8],
    ]);
    expect(parsed.invalid).toEqual([
      { line: 4, code: "is-url" },
      { line: 6, code: "bad-secret" },
    ]);
  });

  it("expands a Google Authenticator export line into its accounts and counts unusable entries", () => {
    const migration = migrationUri([
      { secret: HELLO, name: "carol", issuer: "Gamma" },
      { secret: [...HELLO].reverse(), name: "dave", issuer: "Delta", algorithm: 2 },
      { secret: HELLO.slice(0, 9), name: "md5", issuer: "Old", algorithm: 4 },
    ]);
    const parsed = parseImportText(`${A}\n${migration}\notpauth-migration://offline?data=%%%`);
    expect(parsed.candidates.map((c) => [c.line, c.params.label, c.params.algorithm])).toEqual([
      [1, "ann", "SHA1"],
      [2, "carol", "SHA1"],
      [2, "dave", "SHA256"],
    ]);
    expect(parsed.unusable).toBe(1);
    expect(parsed.invalid).toEqual([{ line: 3, code: "malformed" }]);
  });
});

describe("mergeImport", () => {
  it("appends new accounts in order, skipping duplicates of the vault and of earlier lines", () => {
    const existing = parseImportText(A).candidates.map(
      (c, i): Account => ({ ...c.params, id: `old-${i}`, createdAt: 1 }),
    );
    const candidates = parseImportText(`${B}\n${A}\n${B}`).candidates;
    const merged = mergeImport(
      existing,
      [...candidates, { ...candidates[0]!, line: 9, origin: "https://x" }],
      5,
    );
    expect(merged.added).toBe(1);
    expect(merged.duplicates).toEqual([2, 3, 9]);
    expect(merged.accounts.map((a) => a.issuer)).toEqual(["Alpha", "Beta"]);
    expect(merged.accounts[0]).toBe(existing[0]);
    expect(merged.accounts[1]).toMatchObject({ createdAt: 5, origin: undefined });
    expect(merged.accounts[1]?.id).not.toBe(merged.accounts[0]?.id);
  });
});
