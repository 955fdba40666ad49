// Helpers for driving the built extension in Chromium: a fixture site showing a TOTP QR code, the popup as a
// page or as the real action popup (which grants activeTab), and reading the extension's storage.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import type { Browser, Page, WebWorker } from "puppeteer-core";
import QRCode from "qrcode";

export const BUILDS = { chrome: ".output/chrome-mv3", edge: ".output/edge-mv3" } as const;

export interface FixtureAccount {
  issuer: string;
  label: string;
  secret: string;
  uri: string;
}

export function fixtureAccount(issuer: string, label: string): FixtureAccount {
  const secret = new Secret({ size: 20 }).base32;
  const uri = new TOTP({ issuer, label, secret }).toString();
  return { issuer, label, secret, uri };
}

/** The master password the extension tests give the vault. */
export const MASTER_PASSWORD = "kosmo-member-2026";

/** Codes valid around now (previous, current, next step), to be robust at a step boundary. */
export function validCodes(secret: string, now = Date.now()): string[] {
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  return [-30_000, 0, 30_000].map((offset) => totp.generate({ timestamp: now + offset }));
}

/** The portal refuses a code twice in its window: wait for the next 30 s step after `used`. */
export async function waitForNextStep(secret: string, used: string): Promise<void> {
  while (validCodes(secret)[1] === used) await new Promise((resolve) => setTimeout(resolve, 500));
}

/** What is in a page's one-time code field (the portal's #otp). */
export const otpValue = (page: Page) => page.$eval("#otp", (el) => (el as HTMLInputElement).value);

export async function qrPng(text: string, width = 240): Promise<Buffer> {
  return QRCode.toBuffer(text, { width, margin: 2 });
}

/** A tiny site: /enroll/<n> shows account n's QR code and a one-time-code field, like a 2FA setup page. */
export async function startFixtureSite(
  accounts: FixtureAccount[],
): Promise<{ url: string; close(): Promise<void> }> {
  const pages = await Promise.all(
    accounts.map(async (account) => {
      const qr = await QRCode.toDataURL(account.uri, { width: 240, margin: 2 });
      return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>二段階認証の設定</title>
<style>body{font-family:sans-serif;margin:40px}#qr{display:block;margin:24px 0}</style></head><body>
<h1>ワンタイムパスワード認証の設定</h1><p>認証アプリで次の二次元コードを読み取ってください。</p>
<img id="qr" src="${qr}" width="240" height="240" alt="QR">
<form id="confirm" onsubmit="event.preventDefault();document.getElementById('done').textContent='sent:'+this.otp.value">
<label for="otp">ワンタイムパスワード</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
<button type="submit">実行</button></form><p id="done"></p></body></html>`;
    }),
  );
  const server: Server = createServer((req, res) => {
    const index = Number(/^\/enroll\/(\d+)$/.exec(req.url ?? "")?.[1] ?? -1);
    const body = pages[index];
    res.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function extensionIdOf(ids: Map<string, string>, dir: string): string {
  const id = ids.get(dir) ?? ids.get(path.resolve(dir));
  if (!id) throw new Error(`extension ${dir} not installed`);
  return id;
}

/** The popup as an ordinary tab (no activeTab grant): for setting the password and reading the list. */
export async function openPopupTab(browser: Browser, id: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 600 });
  await page.goto(`chrome-extension://${id}/popup.html`);
  await page.bringToFront(); // background tabs do not get key events in headless Chromium
  return page;
}

/** First run: the master password twice, then 設定する; `beforeSubmit` sees the filled form (guide shot). */
export async function createVaultInPopup(
  browser: Browser,
  id: string,
  password: string,
  beforeSubmit?: (popup: Page) => Promise<void>,
): Promise<void> {
  const popup = await openPopupTab(browser, id);
  await popup.waitForSelector("#new-password");
  await popup.type("#new-password", password);
  await popup.type("#confirm-password", password);
  await beforeSubmit?.(popup);
  await popup.click("button[type=submit]");
  await popup.waitForSelector(".empty");
  await popup.close();
}

/** The real action popup over `page` (CDP Extensions.triggerAction): grants activeTab for that tab. */
export async function openActionPopup(browser: Browser, page: Page, id: string): Promise<Page> {
  const extension = (await browser.extensions()).get(id);
  if (!extension) throw new Error("extension not found");
  await page.bringToFront();
  const before = new Set(browser.targets());
  const popupTarget = browser.waitForTarget(
    (t) => !before.has(t) && t.url() === `chrome-extension://${id}/popup.html`,
  );
  await page.triggerExtensionAction(extension);
  const popup = await (await popupTarget).asPage();
  await popup.waitForSelector("main:not([aria-busy])");
  return popup;
}

/**
 * 「このサイトでパスキーを使う」 in the action popup over `page`, as shipped: the click also asks the browser for the
 * sign-in field's site access, whose prompt (unanswerable headless) takes the focus and closes the popup. Answers
 * with a new popup over `page` once it shows the site allowed.
 */
export async function allowPasskeySite(browser: Browser, page: Page, id: string): Promise<Page> {
  const popup = await openActionPopup(browser, page, id);
  await popup.waitForSelector("#passkey-allow-site");
  const closed = new Promise((resolve) => popup.once("close", resolve));
  await popup.click("#passkey-allow-site");
  await Promise.race([closed, popup.waitForSelector("#passkey-site-allowed").catch(() => closed)]);
  if (!popup.isClosed()) await popup.close();
  const again = await openActionPopup(browser, page, id);
  await again.waitForSelector("#passkey-site-allowed");
  return again;
}

export async function serviceWorker(browser: Browser, id: string): Promise<WebWorker> {
  const target = await browser.waitForTarget(
    (t) => t.type() === "service_worker" && t.url().startsWith(`chrome-extension://${id}/`),
  );
  const worker = await target.worker();
  if (!worker) throw new Error("no service worker");
  return worker;
}

/** Everything in storage.local, as the JSON text an attacker with disk access would see. */
export async function storageLocalText(browser: Browser, id: string): Promise<string> {
  const worker = await serviceWorker(browser, id);
  return worker.evaluate(async () => {
    const api = (
      globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> } } } }
    ).chrome;
    return JSON.stringify(await api.storage.local.get(null));
  });
}

export async function clickByText(page: Page, selector: string, text: string): Promise<void> {
  const handle = await page.waitForFunction(
    (sel, wanted) =>
      [...document.querySelectorAll(sel)].find((el) => el.textContent?.includes(wanted)) ?? null,
    {},
    selector,
    text,
  );
  await (handle.asElement() as import("puppeteer-core").ElementHandle<Element>).click();
}

export async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => (document.body.textContent ?? "").includes(wanted), {}, text);
}

/**
 * The extension follows the browser's language (its setting is "auto" until a member changes it); the runs
 * start Chromium in the language they test (launchBrowser's `lang`) and check here that it took, so that the
 * Japanese or English a test then reads came from the automatic choice.
 */
export async function expectBrowserLanguage(
  browser: Browser,
  id: string,
  language: "ja" | "en",
): Promise<void> {
  const worker = await serviceWorker(browser, id);
  const ui = await worker.evaluate(() =>
    (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage(),
  );
  if (!ui.startsWith(language)) {
    throw new Error(
      `Chromium runs in ${ui}, not ${language}: is Debian's chromium-l10n installed? (npm test installs it as root)`,
    );
  }
}

/** The guide tab opened on install takes the foreground; close it so that later tabs get key events. */
export async function closeInstallGuide(browser: Browser, id: string): Promise<void> {
  const target = await browser.waitForTarget((t) => t.url() === `chrome-extension://${id}/guide.html`);
  await (await target.asPage()).close();
}

/**
 * Drags over the region overlay from just outside `selector`'s top-left corner to just past its bottom-right,
 * leaving the button pressed so the caller can look at (or cancel) the overlay before `page.mouse.up()`.
 */
export async function dragAround(page: Page, selector: string): Promise<void> {
  const box = await (await page.$(selector))?.boundingBox();
  if (!box) throw new Error(`no ${selector} on the page`);
  await new Promise((resolve) => setTimeout(resolve, 500)); // the overlay is injected by the service worker
  await page.mouse.move(box.x - 12, box.y - 12);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width + 12, box.y + box.height + 12, { steps: 5 });
}
