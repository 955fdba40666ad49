// The import graph of the source folders, read with the TypeScript compiler's parser (no type-checking, so it
// is fast): every `import`, `export … from`, `import()` and `import("…")` type, resolved to a repository path
// or named as a package. scripts/check-architecture.ts judges it against docs/architecture.md.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";

/** What an import names: a file of this repository (path from its root, "/" separators) or a package. */
export type ImportTarget = { kind: "file"; path: string } | { kind: "package"; name: string };

export interface ImportEdge {
  /** The importing file, relative to the repository root. */
  from: string;
  specifier: string;
  target: ImportTarget;
  /** `import type` / `export type`: erased at build time, but still a dependency between folders. */
  typeOnly: boolean;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts"];

/** The module specifiers of one source text, in order, with whether each is type-only. */
export function importSpecifiers(fileName: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKind(fileName));
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scriptKind(fileName: string): ts.ScriptKind {
  return fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

/** Node's own modules, with or without the `node:` prefix ("fs", "node:fs", "node:fs/promises"). */
export function isNodeBuiltin(name: string): boolean {
  return name.startsWith("node:") || builtinModules.includes(name);
}

/**
 * Resolves `specifier` imported by `from` (both relative to the repository root). Relative paths and WXT's
 * aliases (`@/`, `~/` for extension/; `@@/`, `~~/` for the root) become files, found with `fileExists`
 * among the TypeScript extensions and index files; anything else is a package, named without its subpath
 * ("wxt/browser" → "wxt", "@hono/node-server/conninfo" → "@hono/node-server"; "node:fs/promises" stays).
 */
export function resolveImport(
  from: string,
  specifier: string,
  fileExists: (relativePath: string) => boolean,
): ImportTarget {
  const bare = specifier.replace(/[?#].*$/, "");
  const aliased = /^(@|~)\//.test(bare)
    ? `extension/${bare.slice(2)}`
    : /^(@@|~~)\//.test(bare)
      ? bare.slice(3)
      : null;
  if (aliased === null && !bare.startsWith(".") && !bare.startsWith("/")) {
    return { kind: "package", name: packageName(bare) };
  }
  const joined = aliased ?? path.posix.join(path.posix.dirname(from), bare);
  const stem = joined.replace(/\.(js|jsx|mjs)$/, "");
  const candidates = [
    joined,
    ...SOURCE_EXTENSIONS.map((extension) => stem + extension),
    ...SOURCE_EXTENSIONS.map((extension) => `${joined}/index${extension}`),
  ];
  return { kind: "file", path: candidates.find(fileExists) ?? joined };
}

function packageName(specifier: string): string {
  if (specifier.startsWith("node:")) return specifier;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** The TypeScript sources under `folders` of `root` (relative paths, sorted), skipping `public/` assets. */
function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== "public" && entry.name !== "node_modules") walk(child);
      } else if (SOURCE_EXTENSIONS.some((extension) => entry.name.endsWith(extension))) {
        files.push(child);
      }
    }
  };
  for (const folder of folders) if (existsSync(path.join(root, folder))) walk(folder);
  return files.sort();
}

/** Every import of every source file under `folders`. */
export function importGraph(root: string, folders: readonly string[]): ImportEdge[] {
  const fileExists = (relative: string): boolean => {
    const absolute = path.join(root, relative);
    return existsSync(absolute) && statSync(absolute).isFile();
  };
  return sourceFiles(root, folders).flatMap((from) =>
    importSpecifiers(from, readFileSync(path.join(root, from), "utf8")).map(({ specifier, typeOnly }) => ({
      from,
      specifier,
      target: resolveImport(from, specifier, fileExists),
      typeOnly,
    })),
  );
}
