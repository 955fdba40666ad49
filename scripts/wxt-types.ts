// Vitest's global set-up. The tsconfigs of extension/, tests/ and bench/ extend .wxt/tsconfig.json, which
// `wxt prepare` generates (with the types of the extension's public paths and message keys) and which Vite
// reads to compile each test file: on a fresh clone, make it before the first test is compiled.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  if (existsSync(path.join(root, ".wxt/tsconfig.json"))) return;
  const result = spawnSync("npx", ["--no-install", "wxt", "prepare"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("`wxt prepare` failed: the extension's types (.wxt/) are missing");
}
