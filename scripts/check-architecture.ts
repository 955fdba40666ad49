// `npm test` runs this before the unit tests: every import in portal/, extension/ and shared/ must follow
// docs/architecture.md. KNOWN_VIOLATIONS lists the imports that broke a rule when the rules were written;
// the check fails on any other violation and on a listed one that is gone, so the list can only shrink.
import { existsSync } from "node:fs";
import path from "node:path";
import { type ImportEdge, importGraph, isNodeBuiltin } from "./import-graph";

export interface Rule {
  /** The rule in words, as docs/architecture.md states it. */
  says: string;
  /** Whether the import breaks the rule. */
  breaks: (edge: ImportEdge) => boolean;
}

/** The folders whose imports are judged (tests/, bench/ and scripts/ may import anything). */
const CHECKED_FOLDERS = ["portal", "extension", "shared"] as const;

const under =
  (...folders: string[]) =>
  (file: string): boolean =>
    folders.some((folder) => file === folder || file.startsWith(`${folder}/`));

function importsFile(edge: ImportEdge, matches: (file: string) => boolean): boolean {
  return edge.target.kind === "file" && matches(edge.target.path);
}

function importsPackage(edge: ImportEdge, matches: (name: string) => boolean): boolean {
  return edge.target.kind === "package" && matches(edge.target.name);
}

const isWxt = (name: string): boolean => name === "wxt" || name.startsWith("@wxt-dev/");

export const RULES: readonly Rule[] = [
  {
    says: "shared/ imports nothing from portal/ or extension/, and no platform module (node:*, wxt)",
    breaks: (edge) =>
      under("shared")(edge.from) &&
      (importsFile(edge, under("portal", "extension")) ||
        importsPackage(edge, (name) => isNodeBuiltin(name) || isWxt(name))),
  },
  {
    says: "portal/ and extension/ never import each other",
    breaks: (edge) =>
      (under("portal")(edge.from) && importsFile(edge, under("extension"))) ||
      (under("extension")(edge.from) && importsFile(edge, under("portal"))),
  },
  {
    says: "browser code (extension/, portal/client/) imports no node:* module",
    breaks: (edge) => under("extension", "portal/client")(edge.from) && importsPackage(edge, isNodeBuiltin),
  },
  {
    says: "portal/client/ (the bundled browser script) imports only portal/client/ and shared/; nothing else imports it",
    breaks: (edge) =>
      (under("portal/client")(edge.from) &&
        importsFile(edge, (file) => !under("portal/client", "shared")(file))) ||
      (!under("portal/client")(edge.from) && importsFile(edge, under("portal/client"))),
  },
  {
    says: "portal/db/ imports only portal/db/ and shared/ (and types from portal/config.ts)",
    breaks: (edge) =>
      under("portal/db")(edge.from) &&
      importsFile(
        edge,
        (file) => !under("portal/db", "shared")(file) && !(file === "portal/config.ts" && edge.typeOnly),
      ),
  },
  {
    says: "portal/auth/, portal/mail/ and portal/i18n/ do not import portal/flows/, portal/views/ or portal/cli/",
    breaks: (edge) =>
      under("portal/auth", "portal/mail", "portal/i18n")(edge.from) &&
      importsFile(edge, under("portal/flows", "portal/views", "portal/cli")),
  },
  {
    says: "portal/views/ do not import portal/db/ or portal/flows/ (they receive view models)",
    breaks: (edge) =>
      under("portal/views")(edge.from) && importsFile(edge, under("portal/db", "portal/flows")),
  },
  {
    says: "a portal/flows/ file never imports another portal/flows/ file",
    breaks: (edge) => under("portal/flows")(edge.from) && importsFile(edge, under("portal/flows")),
  },
  {
    says: "portal/cli/ does not import portal/flows/",
    breaks: (edge) => under("portal/cli")(edge.from) && importsFile(edge, under("portal/flows")),
  },
  {
    says: "nothing imports extension/entrypoints/ (WXT's entry files are where the wiring ends)",
    breaks: (edge) => importsFile(edge, under("extension/entrypoints")),
  },
  {
    says: "extension/messaging.ts owns the message contract: it imports no background/, ui/ or entrypoints/ module",
    breaks: (edge) =>
      edge.from === "extension/messaging.ts" &&
      importsFile(edge, under("extension/background", "extension/ui", "extension/entrypoints")),
  },
  {
    says: "extension/background/ does not import extension/ui/",
    breaks: (edge) => under("extension/background")(edge.from) && importsFile(edge, under("extension/ui")),
  },
  {
    says: "extension/ui/ does not import extension/background/ (it talks through extension/messaging.ts)",
    breaks: (edge) => under("extension/ui")(edge.from) && importsFile(edge, under("extension/background")),
  },
  {
    says: "extension/fill/, extension/scan/ and extension/passkey-page/ (page-side code) import only their own folder and shared/ — never vault/",
    breaks: (edge) => {
      const own = ["extension/fill", "extension/scan", "extension/passkey-page"].find((folder) =>
        under(folder)(edge.from),
      );
      return own !== undefined && importsFile(edge, (file) => !under(own, "shared")(file));
    },
  },
  {
    says: "extension/passkeys/ (the passkey authenticator) imports only its own folder, vault/ and shared/",
    breaks: (edge) =>
      under("extension/passkeys")(edge.from) &&
      importsFile(edge, (file) => !under("extension/passkeys", "extension/vault", "shared")(file)),
  },
];

/**
 * The violations of today's code, to be removed as the refactors of issue 12 land (then this list is empty).
 * Each entry is "<importing file> -> <imported file or package>", as the check prints it.
 */
export const KNOWN_VIOLATIONS: readonly string[] = [];

export interface Violation {
  /** "<importing file> -> <imported file or package>" */
  edge: string;
  /** What each broken rule says. */
  rules: string[];
}

export interface ArchitectureReport {
  violations: Violation[];
  /** Violations not on the known list: the check fails. */
  unexpected: Violation[];
  /** Known violations that no longer occur: the check fails until they are deleted from the list. */
  fixed: string[];
}

function describeEdge(edge: ImportEdge): string {
  return `${edge.from} -> ${edge.target.kind === "file" ? edge.target.path : edge.target.name}`;
}

/** Judges `edges` against `rules`; one violation per importing file and imported module. */
export function checkArchitecture(
  edges: readonly ImportEdge[],
  rules: readonly Rule[],
  known: readonly string[],
): ArchitectureReport {
  const byEdge = new Map<string, Set<string>>();
  for (const edge of edges) {
    for (const rule of rules) {
      if (!rule.breaks(edge)) continue;
      const key = describeEdge(edge);
      const broken = byEdge.get(key) ?? new Set<string>();
      broken.add(rule.says);
      byEdge.set(key, broken);
    }
  }
  const violations = [...byEdge]
    .map(([edge, broken]) => ({ edge, rules: [...broken] }))
    .sort((a, b) => a.edge.localeCompare(b.edge));
  const knownSet = new Set(known);
  const present = new Set(violations.map((violation) => violation.edge));
  return {
    violations,
    unexpected: violations.filter((violation) => !knownSet.has(violation.edge)),
    fixed: known.filter((edge) => !present.has(edge)),
  };
}

/** The report as lines for the terminal; empty `failures` means the check passed. */
export function formatReport(
  report: ArchitectureReport,
  edgeCount: number,
): { failures: string[]; summary: string } {
  const failures: string[] = [];
  if (report.unexpected.length > 0) {
    failures.push(`✖ ${report.unexpected.length} import(s) break docs/architecture.md:`);
    for (const violation of report.unexpected) {
      failures.push(`  ${violation.edge}`);
      for (const says of violation.rules) failures.push(`      rule: ${says}`);
    }
  }
  if (report.fixed.length > 0) {
    failures.push(
      `✖ ${report.fixed.length} known violation(s) no longer occur: delete them from KNOWN_VIOLATIONS in scripts/check-architecture.ts:`,
    );
    for (const edge of report.fixed) failures.push(`  ${edge}`);
  }
  const left = report.violations.length - report.unexpected.length;
  const summary = `✔ ${edgeCount} imports checked against docs/architecture.md: no new violation${left > 0 ? ` (${left} known ones left to fix)` : ""}`;
  return { failures, summary };
}

/**
 * The paths the rules name (in their words) that do not exist: a renamed folder would otherwise silently take
 * its files out of a rule.
 */
export function missingRulePaths(
  rules: readonly Rule[],
  exists: (relativePath: string) => boolean,
): string[] {
  const named = rules.flatMap((rule) => rule.says.match(/\b(?:portal|extension|shared)\/[\w./-]*/g) ?? []);
  return [...new Set(named.map((name) => name.replace(/[./]+$/, "")))].filter((name) => !exists(name));
}

function main(): number {
  const root = path.resolve(import.meta.dirname, "..");
  const edges = importGraph(root, CHECKED_FOLDERS);
  const { failures, summary } = formatReport(checkArchitecture(edges, RULES, KNOWN_VIOLATIONS), edges.length);
  for (const missing of missingRulePaths(RULES, (relative) => existsSync(path.join(root, relative)))) {
    failures.push(`✖ a rule names ${missing}, which does not exist: update RULES and docs/architecture.md`);
  }
  if (failures.length > 0) {
    console.error(failures.join("\n"));
    return 1;
  }
  console.log(summary);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exit(main());
}
