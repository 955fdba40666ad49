import { describe, expect, it } from "vitest";
import { parseCsvRecords, parseMembersCsv } from "../../../../portal/cli/member-import";

const today = new Date("2026-11-25T00:00:00Z");
const header = "user_id,name,birthdate,initial_password";

describe("members import", () => {
  it("reads a good file, with quotes, CRLF and a BOM", () => {
    const csv = `\uFEFF${header}\r\nalice,"Suzuki, Hanako",1980-04-01,initial-pass-1\r\nbob,"He said ""hi""",1990-12-31,initial-pass-2\r\n`;
    const result = parseMembersCsv(csv, new Set(), today);
    expect(result).toEqual({
      ok: true,
      members: [
        {
          line: 2,
          userId: "alice",
          name: "Suzuki, Hanako",
          birthDate: "1980-04-01",
          initialPassword: "initial-pass-1",
        },
        {
          line: 3,
          userId: "bob",
          name: 'He said "hi"',
          birthDate: "1990-12-31",
          initialPassword: "initial-pass-2",
        },
      ],
    });
  });

  it("reports every bad row with its line number (and imports nothing)", () => {
    const csv = [
      header,
      "alice,Alice,1980-04-01,initial-pass-1",
      "bob,Bob,1980-02-30,initial-pass-2",
      "carol,Carol,1980-04-01,short",
      "ALICE,Again,1970-01-01,initial-pass-3",
      "dave,Dave,1980-04-01",
      "existing,Old,1980-04-01,initial-pass-4",
      "x,Short id,1980-04-01,initial-pass-5",
    ].join("\n");
    const result = parseMembersCsv(csv, new Set(["existing"]), today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(result.errors[0]?.message).toContain("1980-02-30");
    expect(result.errors[1]?.message).toContain("initial_password");
    expect(result.errors[2]?.message).toContain("repeats line 2");
    expect(result.errors[3]?.message).toContain("expected 4 fields, found 3");
    expect(result.errors[4]?.message).toContain("already exists");
    expect(result.errors[5]?.message).toContain("user_id");
  });

  it("refuses a wrong header, an empty file and an unterminated quote", () => {
    expect(parseMembersCsv("id,name,birth,password\na,b,c,d\n", new Set(), today)).toMatchObject({
      ok: false,
      errors: [{ line: 1 }],
    });
    expect(parseMembersCsv(`${header}\n`, new Set(), today)).toMatchObject({ ok: false });
    expect(
      parseMembersCsv(`${header}\nalice,"open,1980-04-01,initial-pass-1\n`, new Set(), today),
    ).toMatchObject({
      ok: false,
      errors: [{ line: 2, message: "unterminated quoted field" }],
    });
  });

  it("keeps line numbers right across quoted line breaks", () => {
    const records = parseCsvRecords(`a,b\n"multi\nline",c\nd,e\n`);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });
});
