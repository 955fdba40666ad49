// Bundles extension modules for a plain page or a worker with esbuild (in memory), so an e2e test can inject
// the very code the extension ships: `page.evaluate(script)` then use `globalThis[globalName]`.
import path from "node:path";
import { build } from "esbuild";

export async function bundleForPage(entry: string, globalName: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: path.resolve(import.meta.dirname, "../../.."), loader: "ts" },
    bundle: true,
    write: false,
    format: "iife",
    globalName,
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
