// The two page-side pieces exactly as the background injects them with chrome.scripting: the built fill
// content script (/content-scripts/fill.js + one message carrying the code) and the region overlay passed as
// an executeScript `func` (serialised by Chrome, so it must be self-contained). A copy of the built extension
// gets a host permission for the loopback fixture site so the test needs no click on the toolbar button
// (the real extension relies on activeTab).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page, WebWorker } from "puppeteer-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "./support/browser";
import { CHROME_BUILD, ensureChromeBuild, readyServiceWorker } from "./support/built-extension";
import { bundleForPage } from "./support/page-bundle";

/** The extension API as seen inside the service worker (types only; the code runs there). */
type ExtensionApi = typeof import("wxt/browser").browser;

const BUILD = CHROME_BUILD;
const TEXTS = { instruction: "QRコードを囲むようにドラッグしてください", cancelHint: "Esc キーで取り消し" };

const URI =
  "otpauth://totp/KOSMO%20Web:hanako%40example.jp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=KOSMO%20Web";

const page = (qr: string) => `<!doctype html><html lang="ja"><head><meta charset="utf-8"></head><body>
<img src="${qr}" alt="QR" style="position:absolute;left:600px;top:150px;width:140px;height:140px">
<h1>2段階認証</h1><input type="search" name="q" placeholder="検索">
<form><p>認証アプリに表示されたワンタイムパスワード（6桁）</p>
<div id="boxes">${Array.from({ length: 6 }, () => `<input maxlength="1" inputmode="numeric">`).join("")}</div>
<button type="submit">実行</button></form></body></html>`;

let launched: LaunchedBrowser;
let worker: WebWorker;
let server: Server;
let site: string;
let copy: string;

beforeAll(async () => {
  ensureChromeBuild();
  copy = mkdtempSync(path.join(tmpdir(), "kosmo-ext-"));
  cpSync(BUILD, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(copy, "manifest.json"), "utf8"));
  manifest.host_permissions = ["http://127.0.0.1/*"];
  writeFileSync(path.join(copy, "manifest.json"), JSON.stringify(manifest));

  const html = page(await QRCode.toDataURL(URI, { margin: 1 }));
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  launched = await launchBrowser({ extensions: [copy] });
  const id = launched.extensionIds.get(copy)!;
  worker = await readyServiceWorker(launched.browser, id);
  const overlay = await bundleForPage(
    `export { selectRegion } from "./extension/scan/region-overlay";
     export { cropToRegion, imageDataFromDataUrl } from "./extension/scan/capture";
     export { decodeQrCodes } from "./extension/scan/qr-decode";`,
    "kosmoOverlay",
  );
  await worker.evaluate(`${overlay}; self.kosmoOverlay = kosmoOverlay;`);
});

afterAll(async () => {
  await launched?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (copy) rmSync(copy, { recursive: true, force: true });
});

async function openSite(): Promise<{ page: Page; tabId: number }> {
  const page = await launched.browser.newPage();
  await page.goto(site);
  await page.bringToFront();
  const tabId = await worker.evaluate(async (url) => {
    const chrome = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
    const [tab] = await chrome.tabs.query({ url });
    return tab!.id!;
  }, site);
  return { page, tabId };
}

describe("injected by chrome.scripting", () => {
  it("the built fill.js answers one message and fills a six-box input; injecting twice fills once", async () => {
    const { page, tabId } = await openSite();
    const results = await worker.evaluate(
      async (tab, origin) => {
        const chrome = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
        await chrome.scripting.executeScript({ target: { tabId: tab }, files: ["/content-scripts/fill.js"] });
        await chrome.scripting.executeScript({ target: { tabId: tab }, files: ["/content-scripts/fill.js"] });
        const elsewhere = { type: "kosmo-fill", code: "271828", origin: "https://bank.example" };
        const otherOrigin = await chrome.tabs.sendMessage(tab, elsewhere);
        const filled = await chrome.tabs.sendMessage(tab, { type: "kosmo-fill", code: "314159", origin });
        const refused = await chrome.tabs.sendMessage(tab, { type: "kosmo-fill", code: "31415", origin });
        return { otherOrigin, filled, refused };
      },
      tabId,
      new URL(site).origin,
    );
    expect(results).toEqual({
      otherOrigin: { status: "failed", reason: "wrong-origin" },
      filled: { status: "filled", kind: "split" },
      refused: { status: "failed", reason: "bad-code" },
    });
    const values = await page.$$eval("#boxes input", (boxes) =>
      boxes.map((b) => (b as HTMLInputElement).value),
    );
    expect(values.join("")).toBe("314159");
    expect(await page.$eval("input[name=q]", (q) => (q as HTMLInputElement).value)).toBe("");
    await page.close();
  });

  it("the overlay survives serialisation as an executeScript func and returns the dragged box", async () => {
    const { page, tabId } = await openSite();
    await worker.evaluate(
      (tab, texts) => {
        const chrome = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
        const scope = globalThis as unknown as {
          kosmoOverlay: { selectRegion: (t: unknown) => Promise<unknown> };
          overlayResult: Promise<unknown>;
        };
        scope.overlayResult = chrome.scripting
          .executeScript({ target: { tabId: tab }, func: scope.kosmoOverlay.selectRegion, args: [texts] })
          .then((results) => results[0]?.result);
      },
      tabId,
      TEXTS,
    );
    await page.waitForFunction(() => document.documentElement.lastElementChild?.tagName === "DIV");
    await page.mouse.move(120, 90);
    await page.mouse.down();
    await page.mouse.move(320, 260, { steps: 5 });
    await page.mouse.up();
    const region = await worker.evaluate(
      () => (globalThis as unknown as { overlayResult: Promise<unknown> }).overlayResult,
    );
    expect(region).toMatchObject({ x: 120, y: 90, width: 200, height: 170, devicePixelRatio: 1 });
    await page.close();
  });

  it("at 150 % page zoom: overlay box → crop of the tab capture at its pixel ratio → decoded in the worker", async () => {
    const { page: tab, tabId } = await openSite();
    await worker.evaluate(
      async (id, texts) => {
        const chrome = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
        await chrome.tabs.setZoom(id, 1.5);
        const scope = globalThis as unknown as {
          kosmoOverlay: { selectRegion: (t: unknown) => Promise<unknown> };
          overlayResult: Promise<unknown>;
        };
        scope.overlayResult = chrome.scripting
          .executeScript({ target: { tabId: id }, func: scope.kosmoOverlay.selectRegion, args: [texts] })
          .then((results) => results[0]?.result);
      },
      tabId,
      TEXTS,
    );
    await tab.waitForFunction(() => document.documentElement.lastElementChild?.tagName === "DIV", {
      timeout: 10_000,
    });
    // The QR sits at CSS (600,150)-(740,290); puppeteer's mouse works in the zoomed page's CSS pixels.
    await tab.mouse.move(580, 130);
    await tab.mouse.down();
    await tab.mouse.move(760, 310, { steps: 6 });
    await tab.mouse.up();
    const region = (await worker.evaluate(
      () => (globalThis as unknown as { overlayResult: Promise<unknown> }).overlayResult,
    )) as { x: number; y: number; width: number; height: number; devicePixelRatio: number };
    expect(region.devicePixelRatio).toBeCloseTo(1.5, 2);
    expect(region.x).toBeLessThan(600);
    expect(region.x + region.width).toBeGreaterThan(740);
    const capture = `data:image/png;base64,${await tab.screenshot({ encoding: "base64" })}`;
    const texts = await worker.evaluate(
      async (dataUrl, selected) => {
        const lib = (
          globalThis as unknown as { kosmoOverlay: Record<string, (...args: unknown[]) => unknown> }
        ).kosmoOverlay;
        const image = await lib.imageDataFromDataUrl!(dataUrl);
        return lib.decodeQrCodes!(lib.cropToRegion!(image, selected, selected.devicePixelRatio));
      },
      capture,
      region,
    );
    expect(texts).toEqual([URI]);
    await tab.close();
  });
});
