// The Chrome build of the extension, built on demand when a single e2e file runs without `npm run build`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, WebWorker } from "puppeteer-core";

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

/**
 * The extension's service worker, once its global scope is fully set up: CDP can attach to a freshly started
 * worker before `chrome.*` (and even timers) exist there, so poll from Node rather than inside the worker.
 */
export async function readyServiceWorker(browser: Browser, extensionId: string): Promise<WebWorker> {
  const target = await browser.waitForTarget(
    (t) => t.type() === "service_worker" && t.url().startsWith(`chrome-extension://${extensionId}/`),
  );
  const worker = (await target.worker())!;
  for (let attempt = 0; attempt < 200; attempt++) {
    const ready = await worker
      .evaluate(() => {
        const scope = globalThis as { chrome?: { scripting?: unknown; runtime?: { getURL?: unknown } } };
        return (
          typeof setTimeout === "function" && !!scope.chrome?.scripting && !!scope.chrome.runtime?.getURL
        );
      })
      .catch(() => false);
    if (ready) return worker;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the extension's service worker did not start");
}
