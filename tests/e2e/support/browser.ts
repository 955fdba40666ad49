// Launches Debian's Chromium headless for the end-to-end tests, optionally with built extensions loaded.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { chromiumPath } from "../../../scripts/chromium";

export interface LaunchedBrowser {
  browser: Browser;
  /** Extension IDs by the folder they were installed from. */
  extensionIds: Map<string, string>;
  close(): Promise<void>;
}

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-dev-shm-usage",
  "--window-size=1280,800",
];

export async function launchBrowser(
  options: { extensions?: string[]; lang?: string } = {},
): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "kosmo-chromium-"));
  const extensions = options.extensions ?? [];
  const lang = options.lang ?? "ja";
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir,
    pipe: extensions.length > 0,
    enableExtensions: extensions.length > 0,
    // Chromium on Linux takes its UI language (the extension's chrome.i18n) from LANGUAGE; --lang sets
    // navigator.language and the pages' Accept-Language.
    args: [...chromiumArgs, `--lang=${lang}`],
    env: { ...process.env, LANGUAGE: lang },
    defaultViewport: { width: 1280, height: 800 },
  });
  const extensionIds = new Map<string, string>();
  for (const dir of extensions) extensionIds.set(dir, await browser.installExtension(path.resolve(dir)));
  return {
    browser,
    extensionIds,
    async close() {
      await browser.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
