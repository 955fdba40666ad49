// The Chrome build of the extension, built on demand when a single e2e file runs without `npm run build`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export const CHROME_BUILD = path.resolve(".output/chrome-mv3");

export function ensureChromeBuild(): string {
  const ready = ["manifest.json", "zxing_reader.wasm", "content-scripts/fill.js"].every((file) =>
    existsSync(path.join(CHROME_BUILD, file)),
  );
  if (!ready) {
    const build = spawnSync("npx", ["--no-install", "wxt", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("wxt build failed");
  }
  return CHROME_BUILD;
}
