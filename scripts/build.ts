// `npm run build`: the portal's browser script (WebAuthn client) and the extension for Chrome and Edge, with zips.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const clientDir = path.join(root, "portal/client");

async function buildPortalClient(): Promise<void> {
  if (!existsSync(clientDir)) return;
  const entryPoints = readdirSync(clientDir)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .map((name) => path.join(clientDir, name));
  if (entryPoints.length === 0) return;
  await build({
    entryPoints,
    outdir: path.join(root, "dist/portal-client"),
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: false,
    logLevel: "warning",
  });
}

function wxt(args: string[]): void {
  const result = spawnSync("npx", ["--no-install", "wxt", ...args], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await buildPortalClient();
if (existsSync(path.join(root, "extension/entrypoints"))) {
  wxt(["zip"]);
  wxt(["zip", "-b", "edge"]);
}
