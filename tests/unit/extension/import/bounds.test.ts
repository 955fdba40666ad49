// Hole 2 of issue 10, per bound: one key rule for every format, at most 1,000 accounts per import (the
// 203,000-account Google file is refused) and per vault, duplicates found by key sets (added / replaced /
// skipped), and an imported envelope of our own that asks for 1 GiB and 20 passes of Argon2id refused before
// deriving.
import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { Account } from "../../../../extension/accounts/account";
import type { OtpParameters } from "../../../../shared/types";
import {
  aegisPlain,
  andOtpList,
  authenticatorPlain,
  bitwardenFile,
  bytesOf,
  KEY_A,
  KEY_B,
  twoFasFile,
} from "../../support/import-fixtures";
import { migrationUri } from "../../support/migration-export";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));
const { detectAndParse } = await import("../../../../extension/import/detect-and-parse");
const { planImport, applyPlan } = await import("../../../../extension/import/plan");
const { stopOf } = await import("./stop-of");

const SHORT = "JBSWY3DP"; // 8 characters: 40 bits
const LONG = "A".repeat(2000);
const bytesKey = (i: number) => [
  0x10,
  0x20,
  0x30,
  0x40,
  0x50,
  0x60,
  (i >> 16) & 255,
  (i >> 8) & 255,
  i & 255,
  0x99,
];

/** The same three keys (too short, too long, good) written by every format. */
const FILES: Record<string, Uint8Array> = {
  otpauth: bytesOf(
    [SHORT, LONG.slice(0, 1030), KEY_A]
      .map((k, i) => `otpauth://totp/I${i}:L${i}?secret=${k}&issuer=I${i}`)
      .join("\n"),
  ),
  google: bytesOf(
    migrationUri([
      { secret: [1, 2, 3, 4, 5], name: "L0", issuer: "I0" },
      { secret: new Array(60_000).fill(9), name: "L1", issuer: "I1" },
      { secret: [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef], name: "L2", issuer: "I2" },
    ]),
  ),
  aegis: bytesOf(
    aegisPlain([SHORT, LONG, KEY_A].map((secret, i) => ({ name: `L${i}`, issuer: `I${i}`, secret }))),
  ),
  "2fas": bytesOf(
    twoFasFile([SHORT, LONG, KEY_A].map((secret, i) => ({ name: `I${i}`, account: `L${i}`, secret }))),
  ),
  andotp: bytesOf(
    andOtpList([SHORT, LONG, KEY_A].map((secret, i) => ({ secret, issuer: `I${i}`, label: `L${i}` }))),
  ),
  authenticator: bytesOf(
    authenticatorPlain(
      [SHORT, LONG, KEY_A].map((secret, i) => ({ account: `L${i}`, issuer: `I${i}`, secret })),
    ),
  ),
  bitwarden: bytesOf(
    bitwardenFile([SHORT, LONG, KEY_A].map((totp, i) => ({ name: `I${i}`, username: `L${i}`, totp }))),
  ),
};

function account(params: Partial<OtpParameters>, id: string): Account {
  return {
    type: "totp",
    issuer: "",
    label: "",
    secret: KEY_A,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    ...params,
    id,
    createdAt: 1,
  };
}

describe("one key rule for every path", () => {
  it.each(Object.keys(FILES))(
    "%s: keys outside 16–1024 base32 characters are skipped as bad-secret",
    async (name) => {
      const parsed = await detectAndParse(FILES[name]!);
      expect(parsed.candidates.map((c) => c.params.label)).toEqual(["L2"]);
      expect(parsed.skipped.map((s) => [s.reason, s.found])).toEqual([
        ["bad-secret", "too-short"],
        ["bad-secret", "too-long"],
      ]);
    },
  );
});

describe("accounts per import", () => {
  const entries = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      name: `user${i}`,
      issuer: "Bulk",
      secret: `${KEY_A}${"A".repeat(16)}`.slice(0, 16 + (i % 2) * 16),
    }));

  it("reads 1,000 accounts and refuses 1,001, stating the limit", async () => {
    expect((await detectAndParse(bytesOf(aegisPlain(entries(1000))))).candidates).toHaveLength(1000);
    await expect(detectAndParse(bytesOf(aegisPlain(entries(1001))))).rejects.toMatchObject({
      outcome: "too-many-accounts",
      limit: 1000,
    });
  });

  it("refuses a Google export file holding thousands of accounts before reading them all", async () => {
    const line = migrationUri(
      Array.from({ length: 900 }, (_, i) => ({ secret: bytesKey(i), name: `u${i}` })),
    );
    const file = bytesOf(Array.from({ length: 30 }, () => line).join("\n")); // 27,000 accounts, ~1 MB
    expect(await stopOf(detectAndParse(file))).toBe("too-many-accounts");
  });
});

describe("the plan: key sets, replacement and the vault's limit", () => {
  it("adds, replaces a namesake with another key, and skips duplicates of the vault and of the file", async () => {
    const vault = [
      account({ issuer: "Alpha", label: "ann", secret: KEY_A }, "a"),
      account({ issuer: "Beta", label: "bob", secret: "MFRGGZDFMZTWQ2LK" }, "b"),
    ];
    vault[1]!.origin = "https://beta.example";
    const parsed = await detectAndParse(
      bytesOf(
        [
          `otpauth://totp/Other:ann?secret=${KEY_A}&issuer=Other`, // same key as Alpha: already here
          `otpauth://totp/Beta:bob?secret=${KEY_B}&issuer=Beta`, // Beta's names, new key: replaces
          "otpauth://totp/Gamma:carol?secret=GEZDGNBVGY3TQOJQ&issuer=Gamma",
          "otpauth://totp/Gamma2:carol?secret=GEZDGNBVGY3TQOJQ&issuer=Gamma2", // same key as line 3
        ].join("\n"),
      ),
    );
    const plan = planImport(vault, parsed, { replaceNamesakes: true });
    expect(plan.added.map((c) => c.ref.at)).toEqual([3]);
    expect(plan.replaced.map((r) => [r.candidate.ref.at, r.id])).toEqual([[2, "b"]]);
    expect(plan.skipped.map((s) => [s.at, s.reason])).toEqual([
      [1, "duplicate-in-vault"],
      [4, "duplicate-in-file"],
    ]);
    const next = applyPlan(vault, plan, 5);
    expect(next.map((a) => [a.id === "b" ? "b" : a.issuer, a.secret, a.origin])).toEqual([
      ["Alpha", KEY_A, undefined],
      ["b", KEY_B, "https://beta.example"],
      ["Gamma", "GEZDGNBVGY3TQOJQ", undefined],
    ]);
    expect(planImport(vault, parsed, { replaceNamesakes: false }).skipped.map((s) => s.at)).toEqual([
      1, 2, 4,
    ]);
  });

  it("finds duplicates among 1,000 vault accounts and 1,000 file entries by key sets", async () => {
    const vault = Array.from({ length: 1000 }, (_, i) =>
      account(
        {
          issuer: "V",
          label: `v${i}`,
          secret: `${i}`
            .padStart(4, "A")
            .replace(/\d/g, (d) => "CDEFGHIJKL"[Number(d)]!)
            .padEnd(16, "Q"),
        },
        `id${i}`,
      ),
    );
    const file = {
      candidates: vault.map((a, i) => ({
        ref: { at: i + 1, byLine: false, issuer: "F", label: `f${i}` },
        params: { ...a, issuer: "F", label: `f${i}` },
      })),
      skipped: [],
    };
    const plan = planImport(vault, file, { replaceNamesakes: true });
    expect(plan.added).toHaveLength(0);
    expect(plan.skipped.every((s) => s.reason === "duplicate-in-vault")).toBe(true);
    expect(plan.skipped).toHaveLength(1000);
  });

  it("refuses an import that would take the vault past 1,000 accounts; replacements and duplicates do not count", () => {
    const vault = Array.from({ length: 999 }, (_, i) =>
      account({ label: `v${i}`, secret: `V${i}`.padEnd(16, "A").replace(/\d/g, "B") + i }, `id${i}`),
    );
    const candidate = (label: string, secret: string, at: number) => ({
      ref: { at, byLine: false, issuer: "", label },
      params: { ...vault[0]!, label, secret },
    });
    const one = {
      candidates: [candidate("new", KEY_B, 1), candidate("v1", "MFRGGZDFMZTWQ2LK", 2)],
      skipped: [],
    };
    expect(planImport(vault, one, { replaceNamesakes: true }).added).toHaveLength(1);
    const two = {
      candidates: [candidate("new", KEY_B, 1), candidate("newer", "MFRGGZDFMZTWQ2LK", 2)],
      skipped: [],
    };
    expect(() => planImport(vault, two, { replaceNamesakes: true })).toThrow(
      expect.objectContaining({ outcome: "vault-full", limit: 1000 }),
    );
    // A vault already past the limit (filled before it existed) still takes replacements, never growth.
    const over = [
      ...vault,
      ...vault.slice(0, 10).map((a, i) => ({ ...a, id: `x${i}`, label: `x${i}`, secret: `X${a.secret}` })),
    ];
    expect(
      planImport(
        over,
        { candidates: [candidate("v1", "MFRGGZDFMZTWQ2LK", 1)], skipped: [] },
        { replaceNamesakes: true },
      ).replaced,
    ).toHaveLength(1);
    expect(() =>
      planImport(over, { candidates: [candidate("new", KEY_B, 1)], skipped: [] }, { replaceNamesakes: true }),
    ).toThrow();
  });
});

describe("KDF bounds of our own backup", () => {
  it("refuses an envelope asking for 1 GiB and 20 passes of Argon2id before deriving", async () => {
    const envelope = {
      version: 1,
      kdf: {
        algorithm: "argon2id",
        memoryKiB: 1_048_576,
        iterations: 20,
        parallelism: 1,
        salt: btoa("0123456789abcdef"),
      },
      cipher: { iv: btoa("0123456789ab"), data: btoa("x".repeat(48)) },
    };
    const file = bytesOf(JSON.stringify({ format: "kosmo-authenticator-vault", envelope }));
    const started = performance.now();
    expect(await stopOf(detectAndParse(file, "any password"))).toBe("kdf-too-costly");
    expect(performance.now() - started).toBeLessThan(1000);
    envelope.kdf.memoryKiB = 8; // below what we write: not ours, damaged
    envelope.kdf.iterations = 3;
    expect(
      await stopOf(
        detectAndParse(bytesOf(JSON.stringify({ format: "kosmo-authenticator-vault", envelope })), "pw"),
      ),
    ).toBe("damaged");
  });
});
