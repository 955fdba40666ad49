// The printable recovery sheet with the built extension (Chrome build, ja): opened from the settings page only
// after the master password is typed again, in a tab whose address carries nothing; printed to PDF by Chromium
// (A4), every QR code on the PDF's pages — turned into images by pdftoppm and read by the extension's own
// decoder — gives back its account, each account's QR code and written key are on one page, and a page holds
// two to four accounts. The sheet clears itself when the vault locks, a reload shows nothing, and storage.local
// never holds a secret.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { HOTP, Secret, TOTP } from "otpauth";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureQrDecoder, decodeQrCodes } from "../../extension/scan/qr-decode";
import { parseOtpauthUri } from "../../shared/otpauth";
import type { OtpParameters } from "../../shared/types";
import type { LaunchedBrowser } from "./support/browser";
import { clickByText, MASTER_PASSWORD, storageLocalText, waitForText } from "./support/extension";
import { installExtension } from "./support/installed-extension";
import { pdfPages } from "./support/pdf-pages";
import { screenshotDir } from "./support/screenshots";

const BOUND_SITE = "https://www.kosmo-kenpo.example";

/** Seven accounts, every parameter the sheet prints varied, long Japanese names included. */
const uris = [
  new TOTP({ issuer: "KOSMO Web", label: "kosmo-0001", secret: new Secret({ size: 20 }) }),
  new TOTP({ issuer: "みらい銀行", label: "山田 花子", secret: new Secret({ size: 20 }), digits: 8 }),
  new TOTP({
    issuer: "Beta Mail",
    label: "bob@example.jp",
    secret: new Secret({ size: 32 }),
    algorithm: "SHA256",
  }),
  new TOTP({
    issuer: "Gamma Cloud",
    label: "carol.longname.for.a.wrapping.line@gamma-cloud-services.example.co.jp",
    secret: new Secret({ size: 64 }),
    algorithm: "SHA512",
    period: 60,
  }),
  new HOTP({ issuer: "Delta VPN", label: "dave", secret: new Secret({ size: 20 }), counter: 5 }),
  new TOTP({ issuer: "", label: "no-issuer@example.jp", secret: new Secret({ size: 20 }) }),
  new TOTP({ issuer: "健康保険組合ポータル", label: "組合員 000123", secret: new Secret({ size: 20 }) }),
].map((otp) => otp.toString());

const accounts = uris.map((uri) => {
  const parsed = parseOtpauthUri(uri);
  if (!parsed.ok) throw new Error(`fixture ${uri} does not parse`);
  return parsed.account;
});

/** What the sheet must give back of an account (the counter of a HOTP account too). */
const essence = (p: OtpParameters) =>
  JSON.stringify([p.type, p.issuer, p.label, p.secret, p.algorithm, p.digits, p.period, p.counter ?? null]);

/** Text compared without the spaces and hyphens that pdftotext adds or drops at line ends. */
const flat = (text: string) => text.replace(/[\s-]+/g, "");

const require = createRequire(import.meta.url);
const tmp = mkdtempSync(path.join(tmpdir(), "kosmo-sheet-"));
let launched: LaunchedBrowser;
let id: string;
let sheetUrl: string;

beforeAll(async () => {
  configureQrDecoder({ wasmBinary: readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm")) });
  ({ launched, id } = await installExtension("chrome", "ja", MASTER_PASSWORD));
  sheetUrl = `chrome-extension://${id}/recovery-sheet.html`;
});

afterAll(async () => {
  await launched?.close();
  configureQrDecoder({});
  rmSync(tmp, { recursive: true, force: true });
});

async function openSettings(): Promise<Page> {
  const settings = await launched.browser.newPage();
  await settings.goto(`chrome-extension://${id}/options.html`);
  await settings.waitForSelector("main:not([aria-busy])");
  return settings;
}

async function requestSheet(settings: Page, password: string): Promise<void> {
  await settings.$eval("#sheet-password", (el) => {
    (el as HTMLInputElement).value = "";
  });
  await settings.type("#sheet-password", password);
  await settings.click("#recovery-sheet button[type=submit]");
}

describe("recovery sheet", () => {
  let sheet: Page;

  it("opens only after the master password is typed again, in a tab whose address carries nothing", async () => {
    const settings = await openSettings();
    const file = path.join(tmp, "accounts.txt");
    writeFileSync(file, `${uris.join("\n")}\n`);
    await (await settings.waitForSelector("input[type=file]"))?.uploadFile(file);
    await settings.waitForSelector(".import-preview");
    await clickByText(settings, "#import button", "取り込む");
    await waitForText(settings, `${uris.length} 件のアカウントを追加しました。`);
    // One account bound to its site, as a scan on the site's page would have done.
    await settings.evaluate(async (site) => {
      const send = (message: object) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }
        ).chrome.runtime.sendMessage(message);
      const list = (await send({ type: "list" })) as { accounts: { id: string }[] };
      await send({ type: "set-origin", id: list.accounts[0]?.id, origin: site });
    }, BOUND_SITE);

    await settings.reload();
    await settings.waitForSelector("#sheet-password");
    await requestSheet(settings, "not-the-password");
    await waitForText(settings, "マスターパスワードが違います。");
    expect(launched.browser.targets().some((t) => t.url().startsWith(sheetUrl))).toBe(false);

    const opened = launched.browser.waitForTarget((t) => t.url() === sheetUrl);
    await requestSheet(settings, MASTER_PASSWORD);
    sheet = (await (await opened).asPage()) as Page;
    await waitForText(settings, "新しいタブでリカバリーシートを開きました。");
    expect(await settings.$eval("#sheet-password", (el) => (el as HTMLInputElement).value)).toBe("");
    await settings.close();

    await sheet.waitForFunction(
      (n) => document.querySelectorAll(".sheet-account").length === n,
      {},
      uris.length,
    );
    expect(sheet.url()).toBe(sheetUrl);
    const body = await sheet.evaluate(() => document.body.textContent ?? "");
    expect(body).toContain("リカバリーシート");
    expect(body).toContain(
      `作成日: ${new Intl.DateTimeFormat("ja-JP", { dateStyle: "long" }).format(new Date())}`,
    );
    expect(body).toContain("鍵のかかる場所に保管");
    expect(body).toContain(BOUND_SITE);
    const keys = await sheet.$$eval(".sheet-key dd", (els) => els.map((el) => el.textContent));
    expect(keys[0]).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(keys.map((k) => k?.replace(/ /g, ""))).toEqual(accounts.map((a) => a.secret));
    await sheet.setViewport({ width: 900, height: 1200 });
    await sheet.screenshot({
      path: path.join(screenshotDir("recovery-sheet"), "sheet.ja.png"),
      fullPage: true,
    });
  });

  it("prints to A4: every QR decodes back to its account, no account is split, two to four a page", async () => {
    const pdf = await sheet.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(screenshotDir("recovery-sheet"), "sheet.ja.pdf"), pdf);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);

    const pageOf = new Map<string, number[]>();
    for (const [index, page] of pages.entries()) {
      for (const text of await decodeQrCodes(page.image)) {
        const parsed = parseOtpauthUri(text);
        expect(parsed.ok, text).toBe(true);
        if (parsed.ok)
          pageOf.set(essence(parsed.account), [...(pageOf.get(essence(parsed.account)) ?? []), index]);
      }
    }
    const counts = pages.map(() => 0);
    for (const account of accounts) {
      const onPages = pageOf.get(essence(account)) ?? [];
      expect(onPages, `${account.label}'s QR code`).toHaveLength(1);
      const page = onPages[0] as number;
      counts[page] = (counts[page] ?? 0) + 1;
      // Its written key and name are on the page of its QR code and on no other: the card is not split.
      const written = pages.map((p) => flat(p.text).includes(account.secret));
      expect(written, `${account.label}'s key`).toEqual(pages.map((_, i) => i === page));
      expect(flat(pages[page]?.text ?? "")).toContain(flat(account.label));
    }
    expect(pageOf.size).toBe(accounts.length);
    for (const [index, count] of counts.entries()) {
      expect(count).toBeLessThanOrEqual(4);
      if (index < counts.length - 1) expect(count).toBeGreaterThanOrEqual(2);
    }
    expect(pages[0]?.text).toContain("リカバリーシート");
    expect(flat(pages[0]?.text ?? "")).toContain("鍵のかかる場所に保管");
    expect(pages.map((p) => p.text).join("")).not.toContain("印刷する"); // the print button is not printed
  });

  it("clears itself when the vault locks, shows nothing on a reload, and nothing was written to storage", async () => {
    await sheet.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: "lock" }),
    );
    await waitForText(sheet, "このページはもう表示できません。");
    expect(await sheet.$$(".sheet-account")).toHaveLength(0);
    await sheet.reload();
    await waitForText(sheet, "このページはもう表示できません。");
    const body = await sheet.evaluate(() => document.body.textContent ?? "");
    for (const account of accounts) expect(body).not.toContain(account.secret.slice(0, 8));
    expect(await sheet.$$(".sheet-account")).toHaveLength(0);
    const stored = await storageLocalText(launched.browser, id);
    for (const account of accounts) expect(stored).not.toContain(account.secret);
    await sheet.close();
  });
});
