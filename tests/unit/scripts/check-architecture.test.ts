import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  checkArchitecture,
  formatReport,
  KNOWN_VIOLATIONS,
  missingRulePaths,
  RULES,
  type Rule,
} from "../../../scripts/check-architecture";
import { type ImportEdge, importGraph, importSpecifiers, resolveImport } from "../../../scripts/import-graph";

/** An edge to a repository file (`to` has a "/") or to a package. */
function edge(from: string, to: string, typeOnly = false): ImportEdge {
  const isFile = /^(portal|extension|shared)\//.test(to);
  return {
    from,
    specifier: to,
    target: isFile ? { kind: "file", path: to } : { kind: "package", name: to },
    typeOnly,
  };
}

function brokenRules(from: string, to: string, typeOnly = false): string[] {
  return RULES.filter((rule) => rule.breaks(edge(from, to, typeOnly))).map((rule) => rule.says);
}

describe("reading imports", () => {
  it("finds static, re-exported, dynamic, side-effect and type imports, and not those in comments or strings", () => {
    const text = [
      'import a from "./a";',
      'import type { B } from "../b";',
      'import { type C, d } from "./c";',
      'import { type E } from "./e";',
      'export { f } from "./f";',
      'export type { G } from "./g";',
      'import "./side-effect.css";',
      'const h = await import("./h");',
      'type I = typeof import("node:fs");',
      '// import x from "./commented";',
      "const s = \"import y from './in-string'\";",
    ].join("\n");
    expect(importSpecifiers("x.ts", text)).toEqual([
      { specifier: "./a", typeOnly: false },
      { specifier: "../b", typeOnly: true },
      { specifier: "./c", typeOnly: false },
      { specifier: "./e", typeOnly: true },
      { specifier: "./f", typeOnly: false },
      { specifier: "./g", typeOnly: true },
      { specifier: "./side-effect.css", typeOnly: false },
      { specifier: "./h", typeOnly: false },
      { specifier: "node:fs", typeOnly: true },
    ]);
  });

  it("reads JSX files", () => {
    const text = 'import { t } from "./i18n";\nexport const A = () => <p>{t("x")}</p>;';
    expect(importSpecifiers("A.tsx", text)).toEqual([{ specifier: "./i18n", typeOnly: false }]);
  });

  it("resolves relative paths and WXT's aliases to files, and names packages without their subpath", () => {
    const files = new Set([
      "portal/db/members.ts",
      "extension/ui/AccountItem.tsx",
      "extension/vault/index.ts",
    ]);
    const exists = (file: string) => files.has(file);
    const resolve = (from: string, specifier: string) => resolveImport(from, specifier, exists);
    const resolvesTo = (file: string, from: string, specifiers: string[]) => {
      for (const specifier of specifiers)
        expect(resolve(from, specifier)).toEqual({ kind: "file", path: file });
    };
    resolvesTo("portal/db/members.ts", "portal/flows/sign-in.ts", ["../db/members", "../db/members.js"]);
    resolvesTo("extension/ui/AccountItem.tsx", "extension/ui/List.tsx", ["./AccountItem"]);
    resolvesTo("extension/vault/index.ts", "extension/ui/List.tsx", ["../vault", "@/vault"]);
    resolvesTo("portal/db/members.ts", "extension/ui/List.tsx", ["~~/portal/db/members"]);
    resolvesTo("extension/ui/missing", "extension/ui/List.tsx", ["./missing"]);
    expect(resolve("a.ts", "wxt/browser")).toEqual({ kind: "package", name: "wxt" });
    expect(resolve("a.ts", "@hono/node-server/conninfo")).toEqual({
      kind: "package",
      name: "@hono/node-server",
    });
    expect(resolve("a.ts", "node:fs/promises")).toEqual({ kind: "package", name: "node:fs/promises" });
  });

  describe("a folder on disk", () => {
    let root = "";
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it("walks the given folders' TypeScript files, skipping public/ assets, and resolves each import", () => {
      root = mkdtempSync(path.join(tmpdir(), "architecture-"));
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      };
      write("shared/totp.ts", 'import { TOTP } from "otpauth";\n');
      write("extension/ui/List.tsx", 'import { code } from "../../shared/totp";\n');
      write("extension/public/asset.ts", 'import "../../portal/app";\n');
      write("tests/x.test.ts", 'import "../portal/app";\n');
      expect(importGraph(root, ["shared", "extension", "portal"])).toEqual([
        {
          from: "extension/ui/List.tsx",
          specifier: "../../shared/totp",
          target: { kind: "file", path: "shared/totp.ts" },
          typeOnly: false,
        },
        {
          from: "shared/totp.ts",
          specifier: "otpauth",
          target: { kind: "package", name: "otpauth" },
          typeOnly: false,
        },
      ]);
    });
  });
});

describe("the rules of docs/architecture.md", () => {
  it.each([
    ["shared/otpauth.ts", "portal/auth/totp.ts"],
    ["shared/otpauth.ts", "extension/accounts/account.ts"],
    ["shared/otpauth.ts", "node:crypto"],
    ["shared/otpauth.ts", "crypto"],
    ["shared/otpauth.ts", "wxt"],
    ["portal/flows/sign-in.ts", "extension/messaging.ts"],
    ["extension/ui/PopupApp.tsx", "portal/i18n/ja.ts"],
    ["extension/vault/kdf.ts", "node:crypto"],
    ["portal/client/passkey.ts", "node:crypto"],
    ["portal/client/passkey.ts", "portal/i18n/ja.ts"],
    ["portal/views/layout.tsx", "portal/client/passkey.ts"],
    ["portal/db/mail-otp.ts", "portal/auth/mail-otp.ts"],
    ["portal/db/database.ts", "portal/config.ts"],
    ["portal/auth/session.ts", "portal/views/layout.tsx"],
    ["portal/mail/templates.ts", "portal/flows/sign-in.ts"],
    ["portal/i18n/ja.ts", "portal/cli/members.ts"],
    ["portal/views/security-page.tsx", "portal/db/schema.ts"],
    ["portal/views/top-page.tsx", "portal/flows/top-page.ts"],
    ["portal/flows/mail-otp.ts", "portal/flows/second-factor.ts"],
    ["portal/cli/member-commands.ts", "portal/flows/first-login-steps.ts"],
    ["extension/ui/PopupApp.tsx", "extension/entrypoints/popup-app.tsx"],
    ["extension/messaging.ts", "extension/background/import-backup.ts"],
    ["extension/background/scan.ts", "extension/ui/i18n.ts"],
    ["extension/ui/PopupApp.tsx", "extension/background/import-backup.ts"],
    ["extension/fill/fill-script.ts", "extension/vault/vault-store.ts"],
    ["extension/scan/capture.ts", "extension/fill/find-otp-field.ts"],
    ["extension/scan/region-overlay.ts", "extension/ui/i18n.ts"],
    ["extension/passkeys/get-assertion.ts", "extension/background/handlers.ts"],
    ["extension/passkeys/passkey-store.ts", "extension/ui/i18n.ts"],
    ["extension/passkeys/rp-id.ts", "extension/accounts/account.ts"],
  ])("%s may not import %s", (from, to) => {
    expect(brokenRules(from, to)).not.toEqual([]);
  });

  it.each([
    ["shared/otpauth.ts", "shared/base32.ts"],
    ["shared/otpauth.ts", "otpauth"],
    ["portal/db/members.ts", "portal/db/schema.ts"],
    ["portal/db/members.ts", "shared/types.ts"],
    ["portal/db/members.ts", "kysely"],
    ["portal/db/members.ts", "node:crypto"],
    ["portal/flows/sign-in.ts", "portal/db/members.ts"],
    ["portal/flows/sign-in.ts", "portal/auth/session.ts"],
    ["portal/flows/sign-in.ts", "portal/views/sign-in.tsx"],
    ["portal/app.ts", "portal/flows/sign-in.ts"],
    ["portal/cli/members.ts", "portal/db/database.ts"],
    ["portal/client/passkey.ts", "@simplewebauthn/browser"],
    ["portal/client/passkey.ts", "shared/base32.ts"],
    ["extension/entrypoints/background.ts", "extension/background/handlers.ts"],
    ["extension/ui/PopupApp.tsx", "extension/messaging.ts"],
    ["extension/messaging.ts", "extension/accounts/account.ts"],
    ["extension/background/handlers.ts", "extension/vault/vault-store.ts"],
    ["extension/fill/fill-script.ts", "extension/fill/find-otp-field.ts"],
    ["extension/scan/capture.ts", "shared/otpauth.ts"],
    ["extension/scan/qr-decode.ts", "zxing-wasm"],
    ["extension/passkeys/passkey-store.ts", "extension/vault/vault-store.ts"],
    ["extension/passkeys/rp-id.ts", "tldts"],
    ["extension/background/passkey-proxy.ts", "extension/passkeys/get-assertion.ts"],
  ])("%s may import %s", (from, to) => {
    expect(brokenRules(from, to)).toEqual([]);
  });

  it("lets portal/db/ take only types from portal/config.ts", () => {
    expect(brokenRules("portal/db/database.ts", "portal/config.ts", true)).toEqual([]);
    expect(brokenRules("portal/db/database.ts", "portal/config.ts", false)).toHaveLength(1);
  });

  it("name only paths that exist, and notice one that was renamed", () => {
    const root = path.join(import.meta.dirname, "../../..");
    const exists = (relative: string) => existsSync(path.join(root, relative));
    expect(missingRulePaths(RULES, exists)).toEqual([]);
    const renamed = (relative: string) => relative !== "portal/flows" && exists(relative);
    expect(missingRulePaths(RULES, renamed)).toEqual(["portal/flows"]);
  });

  it("are each stated, word for word, in docs/architecture.md", () => {
    const doc = readFileSync(path.join(import.meta.dirname, "../../../docs/architecture.md"), "utf8");
    for (const rule of RULES) expect(doc).toContain(rule.says);
  });
});

describe("the known-violations list", () => {
  const rules: Rule[] = [
    {
      says: "a/ does not import b/",
      breaks: (e) => e.from.startsWith("portal/a/") && e.specifier.includes("/b/"),
    },
    { says: "nothing imports b/x", breaks: (e) => e.specifier === "portal/b/x.ts" },
  ];
  const edges = [
    edge("portal/a/one.ts", "portal/b/x.ts"),
    edge("portal/a/one.ts", "portal/b/x.ts", true),
    edge("portal/a/two.ts", "portal/b/y.ts"),
    edge("portal/c/ok.ts", "portal/d/z.ts"),
  ];

  it("reports one violation per import, with every rule it breaks", () => {
    const report = checkArchitecture(edges, rules, []);
    expect(report.violations).toEqual([
      { edge: "portal/a/one.ts -> portal/b/x.ts", rules: ["a/ does not import b/", "nothing imports b/x"] },
      { edge: "portal/a/two.ts -> portal/b/y.ts", rules: ["a/ does not import b/"] },
    ]);
  });

  it("passes when the violations are exactly the known ones", () => {
    const known = ["portal/a/one.ts -> portal/b/x.ts", "portal/a/two.ts -> portal/b/y.ts"];
    const report = checkArchitecture(edges, rules, known);
    expect(report.unexpected).toEqual([]);
    expect(report.fixed).toEqual([]);
    expect(formatReport(report, edges.length)).toEqual({
      failures: [],
      summary:
        "✔ 4 imports checked against docs/architecture.md: no new violation (2 known ones left to fix)",
    });
  });

  it("fails on a violation not on the list, naming the import and the rule", () => {
    const report = checkArchitecture(edges, rules, ["portal/a/one.ts -> portal/b/x.ts"]);
    expect(report.unexpected.map((violation) => violation.edge)).toEqual([
      "portal/a/two.ts -> portal/b/y.ts",
    ]);
    expect(formatReport(report, edges.length).failures).toEqual([
      "✖ 1 import(s) break docs/architecture.md:",
      "  portal/a/two.ts -> portal/b/y.ts",
      "      rule: a/ does not import b/",
    ]);
  });

  it("fails on a listed violation that no longer occurs, so the list can only shrink", () => {
    const known = [
      "portal/a/one.ts -> portal/b/x.ts",
      "portal/a/two.ts -> portal/b/y.ts",
      "portal/a/gone.ts -> portal/b/x.ts",
    ];
    const report = checkArchitecture(edges, rules, known);
    expect(report.unexpected).toEqual([]);
    expect(report.fixed).toEqual(["portal/a/gone.ts -> portal/b/x.ts"]);
    expect(formatReport(report, edges.length).failures).toEqual([
      "✖ 1 known violation(s) no longer occur: delete them from KNOWN_VIOLATIONS in scripts/check-architecture.ts:",
      "  portal/a/gone.ts -> portal/b/x.ts",
    ]);
  });

  it("lists each of today's violations once", () => {
    expect(new Set(KNOWN_VIOLATIONS).size).toBe(KNOWN_VIOLATIONS.length);
  });
});
