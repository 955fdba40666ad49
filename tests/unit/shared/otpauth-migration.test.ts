import { describe, expect, it } from "vitest";
import { parseMigrationUri } from "../../../shared/otpauth-migration";
import { bytesField, entry, intField, stringField, tag, uri, varint } from "../support/migration-export";

const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]; // "Hello!\xde\xad\xbe\xef"

describe("parseMigrationUri", () => {
  it("reads a Google Authenticator export with TOTP and HOTP entries and batch info", () => {
    const payload = [
      ...bytesField(
        1,
        entry({
          secret: HELLO,
          name: "Example:alice@google.com",
          issuer: "Example",
          algorithm: 1,
          digits: 1,
          type: 2,
        }),
      ),
      ...bytesField(
        1,
        entry({ secret: HELLO, name: "bob", issuer: "ACME", algorithm: 2, digits: 2, type: 1, counter: 5 }),
      ),
      ...intField(2, 1),
      ...intField(3, 2),
      ...intField(4, 1),
      ...intField(5, -12345),
    ];
    const result = parseMigrationUri(uri(payload));
    expect(result).toEqual({
      ok: true,
      skipped: [],
      batch: { index: 1, size: 2, id: -12345 },
      accounts: [
        {
          type: "totp",
          issuer: "Example",
          label: "alice@google.com",
          secret: "JBSWY3DPEHPK3PXP",
          algorithm: "SHA1",
          digits: 6,
          period: 30,
        },
        {
          type: "hotp",
          issuer: "ACME",
          label: "bob",
          secret: "JBSWY3DPEHPK3PXP",
          algorithm: "SHA256",
          digits: 8,
          period: 30,
          counter: 5,
        },
      ],
    });
  });

  it("treats unspecified enums as SHA1, 6 digits, TOTP and takes the issuer from the name", () => {
    const result = parseMigrationUri(uri(bytesField(1, entry({ secret: HELLO, name: "KOSMO Web:太郎" }))));
    expect(result.ok && result.accounts[0]).toMatchObject({
      type: "totp",
      issuer: "KOSMO Web",
      label: "太郎",
      algorithm: "SHA1",
      digits: 6,
    });
  });

  it("skips unknown fields (fixed32, fixed64, strings) and counts unusable entries", () => {
    const payload = [
      ...tag(9, 5),
      1,
      2,
      3,
      4,
      ...tag(10, 1),
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      ...stringField(11, "future"),
      ...bytesField(1, [...entry({ secret: HELLO, name: "a" }), ...stringField(8, "unique-id")]),
      ...bytesField(1, entry({ secret: HELLO, name: "md5", algorithm: 4 })),
      ...bytesField(1, entry({ secret: HELLO, name: "seven", digits: 3 })),
      ...bytesField(1, entry({ secret: [], name: "no secret" })),
    ];
    const result = parseMigrationUri(uri(payload));
    expect(result.ok && result.accounts.map((a) => a.label)).toEqual(["a"]);
    expect(result.ok && result.skipped).toEqual([
      { issuer: "", label: "md5", reason: "bad-algorithm", found: "MD5" },
      { issuer: "", label: "seven", reason: "bad-digits", found: "7" },
      { issuer: "", label: "no secret", reason: "bad-secret", found: "empty" },
    ]);
  });

  it("holds raw keys to the one rule of otpauth:// URIs: 16–1024 base32 characters (10–640 bytes)", () => {
    const payload = [
      ...bytesField(1, entry({ secret: [0x41], name: "one byte" })),
      ...bytesField(1, entry({ secret: HELLO.slice(0, 9), name: "nine bytes" })),
      ...bytesField(1, entry({ secret: new Array(60_000).fill(7), name: "60 KB" })),
      ...bytesField(1, entry({ secret: new Array(640).fill(7), name: "640 bytes" })),
      ...bytesField(1, entry({ secret: HELLO, name: "ten bytes" })),
    ];
    const result = parseMigrationUri(uri(payload));
    expect(result.ok && result.accounts.map((a) => [a.label, a.secret.length])).toEqual([
      ["640 bytes", 1024],
      ["ten bytes", 16],
    ]);
    expect(result.ok && result.skipped.map((s) => [s.label, s.reason, s.found])).toEqual([
      ["one byte", "bad-secret", "too-short"],
      ["nine bytes", "bad-secret", "too-short"],
      ["60 KB", "bad-secret", "too-long"],
    ]);
  });

  it("reads 64-bit counters and refuses ones beyond a safe integer", () => {
    const big = parseMigrationUri(
      uri(bytesField(1, entry({ secret: HELLO, name: "h", type: 1, counter: 2n ** 40n }))),
    );
    expect(big.ok && big.accounts[0]?.counter).toBe(2 ** 40);
    const huge = parseMigrationUri(
      uri(bytesField(1, entry({ secret: HELLO, name: "h", type: 1, counter: 2n ** 60n }))),
    );
    expect(huge.ok && huge.skipped).toMatchObject([{ label: "h", reason: "bad-counter" }]);
  });

  it("accepts URL-safe base64 and unencoded padding", () => {
    const payload = bytesField(
      1,
      entry({ secret: [0xfb, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8, 0xf7], name: "x" }),
    );
    const base64 = btoa(String.fromCharCode(...payload));
    const urlSafe = base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(parseMigrationUri(`otpauth-migration://offline?data=${urlSafe}`).ok).toBe(true);
    expect(parseMigrationUri(`otpauth-migration://offline?data=${base64}`).ok).toBe(true);
  });

  it.each([
    ["otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", "not-migration", ""],
    ["otpauth-migration://offline?foo=bar", "bad-data", "missing"],
    ["otpauth-migration://offline?data=%%%", "bad-data", "base64"],
    [uri([...tag(1, 2), ...varint(50), 1, 2, 3]), "bad-data", "protobuf"], // length past the end
    [
      uri([...tag(1, 2), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      "bad-data",
      "protobuf",
    ],
    [uri([...tag(1, 0), 1]), "bad-data", "protobuf"], // entries must be length-delimited
    [uri([...tag(1, 3)]), "bad-data", "protobuf"], // group wire types are not supported
    [uri([...intField(2, 1)]), "empty", ""],
  ])("rejects %j as %s (%s)", (text, code, found) => {
    expect(parseMigrationUri(text)).toEqual({ ok: false, error: { code, found } });
  });
});
