// Three holes closed, in the built extension in real Chromium (Japanese): a QR code shown inside a frame of
// another site is bound to that frame's site; the first fill of an unbound account asks, naming the page's
// site, and binds it when asked to; the plain otpauth:// export needs the master password again; and
// クリップボードを自動で消去 clears whatever is on the clipboard once the chosen time has passed (alarm →
// offscreen document).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "puppeteer-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "./support/browser";
import {
  BUILDS,
  clickByText,
  closeInstallGuide,
  createVaultInPopup,
  extensionIdOf,
  fixtureAccount,
  openActionPopup,
  openPopupTab,
  serviceWorker,
  validCodes,
  waitForText,
} from "./support/extension";

const PASSWORD = "sakura-tokyo-2026";
const framed = fixtureAccount("Frame Bank", "frame@example.jp");
const typed = fixtureAccount("Typed Service", "typed@example.jp");

/** /framed: a page of 127.0.0.1 showing, in a frame of localhost (another site), a QR code; /login: a code field. */
async function startSites(): Promise<{ top: string; frame: string; close(): Promise<void> }> {
  const qr = await QRCode.toDataURL(framed.uri, { width: 240, margin: 2 });
  let port = 0;
  const pages: Record<string, () => string> = {
    "/framed": () =>
      `<!doctype html><meta charset="utf-8"><title>外部の認証画面</title><h1>設定</h1>
<iframe src="http://localhost:${port}/qr" width="420" height="360" style="border:1px solid #888"></iframe>`,
    "/qr": () =>
      `<!doctype html><meta charset="utf-8"><p>読み取ってください</p><img src="${qr}" width="240">`,
    "/login": () =>
      `<!doctype html><html lang="ja"><meta charset="utf-8"><title>ログイン</title><form>
<label for="otp">ワンタイムパスワード</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></form></html>`,
  };
  const server: Server = createServer((req, res) => {
    const page = pages[req.url ?? ""];
    res.writeHead(page ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(page ? page() : "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    top: `http://127.0.0.1:${port}`,
    frame: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let launched: LaunchedBrowser;
let sites: Awaited<ReturnType<typeof startSites>>;
let id: string;
const downloads = mkdtempSync(path.join(tmpdir(), "kosmo-e2e-downloads-"));

beforeAll(async () => {
  sites = await startSites();
  launched = await launchBrowser({ extensions: [BUILDS.chrome], lang: "ja" });
  id = extensionIdOf(launched.extensionIds, BUILDS.chrome);
  await closeInstallGuide(launched.browser, id);
  await createVaultInPopup(launched.browser, id, PASSWORD);
});

afterAll(async () => {
  await launched?.close();
  await sites?.close();
  rmSync(downloads, { recursive: true, force: true });
});

async function accountsInStorage(): Promise<{ label: string; origin?: string }[]> {
  const popup = await openPopupTab(launched.browser, id);
  try {
    return await popup.evaluate(async () => {
      const chrome = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome;
      return ((await chrome.runtime.sendMessage({ type: "list" })) as { accounts: { label: string }[] })
        .accounts;
    });
  } finally {
    await popup.close();
  }
}

async function fillButtonOf(popup: Page, label: string): Promise<void> {
  await popup.waitForSelector(".account .fill-button");
  await popup.evaluate((wanted) => {
    const item = [...document.querySelectorAll(".account")].find((el) => el.textContent?.includes(wanted));
    item?.querySelector<HTMLButtonElement>(".fill-button")?.click();
  }, label);
}

describe("origin binding", () => {
  it("binds a QR code scanned inside a frame to the frame's site, not the top page's", async () => {
    const page = await launched.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${sites.top}/framed`);
    await page.waitForFunction(() => document.querySelector("iframe")?.contentWindow !== null);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the frame's image painted
    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, ".bar-button", "追加");
    await clickByText(popup, ".method", "画面のQRコードを読み取る");
    await waitForText(popup, "追加されました。");
    await waitForText(popup, `このアカウントは ${sites.frame} で使うものとして記録しました。`);
    const code = await popup.$eval(".added-card [data-code]", (el) => el.getAttribute("data-code"));
    expect(validCodes(framed.secret)).toContain(code);
    await popup.close();
    await page.close();
    const stored = await accountsInStorage();
    expect(stored.find((a) => a.label === framed.label)?.origin).toBe(sites.frame);
  });

  it("asks before the first fill of an unbound account, naming the page's site, and binds it when asked", async () => {
    // キーを手入力: an account with no site.
    const tab = await openPopupTab(launched.browser, id);
    await clickByText(tab, ".bar-button", "追加");
    await clickByText(tab, ".method", "キーを手入力");
    await tab.waitForSelector("#key");
    await tab.type("#issuer", typed.issuer);
    await tab.type("#label", typed.label);
    await tab.type("#key", typed.secret);
    await tab.click("button[type=submit]");
    await waitForText(tab, "追加されました。");
    await tab.close();

    const page = await launched.browser.newPage();
    await page.goto(`${sites.top}/login`);
    let popup = await openActionPopup(launched.browser, page, id);
    await fillButtonOf(popup, typed.label);
    await popup.waitForSelector("[role=alertdialog]");
    const dialog = await popup.$eval("[role=alertdialog]", (el) => el.textContent ?? "");
    expect(dialog).toContain("このサイトで使いますか");
    expect(dialog).toContain(`「${typed.issuer}」はまだどのサイトにも紐付けられていません。`);
    expect(dialog).toContain(`このページ（${sites.top}）に入力しますか。`);
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe("キャンセル");
    await popup.screenshot({ path: path.join(tmpdir(), "kosmo-confirm-bind.png") });
    expect(await page.$eval("#otp", (el) => (el as HTMLInputElement).value)).toBe(""); // nothing before the answer

    await clickByText(popup, "[role=alertdialog] button", "このサイトに紐付けて入力する");
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    expect(validCodes(typed.secret)).toContain(
      await page.$eval("#otp", (el) => (el as HTMLInputElement).value),
    );
    await popup.close();
    expect((await accountsInStorage()).find((a) => a.label === typed.label)?.origin).toBe(sites.top);

    // Bound now: the next fill on this site is one action, no question.
    await page.$eval("#otp", (el) => {
      (el as HTMLInputElement).value = "";
    });
    popup = await openActionPopup(launched.browser, page, id);
    await popup.waitForSelector(".account.bound");
    await fillButtonOf(popup, typed.label);
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    expect(await popup.$("[role=alertdialog]")).toBeNull();
    await popup.close();
    await page.close();
  });
});

describe("plain export", () => {
  it("asks for the master password again and saves nothing for a wrong one", async () => {
    const session = await launched.browser.target().createCDPSession();
    await session.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
    const options = await launched.browser.newPage();
    await options.goto(`chrome-extension://${id}/options.html#backup`);
    await options.waitForSelector("#s-backup");
    expect(await options.$("#plain-password")).toBeNull(); // the checkbox alone gives nothing
    await clickByText(options, "label", "危険を理解しました");
    await options.waitForSelector("#plain-password");
    await waitForText(options, "確認のため、マスターパスワードをもう一度入力してください");
    await options.type("#plain-password", "not-the-password");
    await clickByText(options, "#backup button[type=submit]", "otpauth:// 一覧を保存");
    await waitForText(options, "マスターパスワードが違います。");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readdirSync(downloads)).toEqual([]);

    await options.type("#plain-password", PASSWORD);
    await clickByText(options, "#backup button[type=submit]", "otpauth:// 一覧を保存");
    await waitForText(options, "ファイルを保存しました。");
    await options.screenshot({ path: path.join(tmpdir(), "kosmo-plain-export.png"), fullPage: true });
    const saved = await waitForDownload();
    expect(saved).toContain(`secret=${typed.secret}`);
    await options.close();
  });
});

async function waitForDownload(): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const done = readdirSync(downloads).filter((name) => name.endsWith(".txt"));
    if (done[0]) return readFileSync(path.join(downloads, done[0]), "utf8");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("no download");
}

describe("クリップボードを自動で消去", () => {
  it("is a setting, says when it will clear, and clears whatever is on the clipboard then", async () => {
    const options = await launched.browser.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await waitForText(options, "クリップボードを自動で消去");
    expect(await options.$eval("#clipboard-clear", (el) => (el as HTMLSelectElement).value)).toBe("30");
    const choices = await options.$$eval("#clipboard-clear option", (els) => els.map((el) => el.textContent));
    expect(choices).toEqual(["消去しない", "30秒後", "1分後", "2分後"]);
    await waitForText(options, "その時点でクリップボードにあるものを消去します");
    await options.select("#clipboard-clear", "60");
    await waitForText(options, "保存しました");
    await options.close();

    const page = await launched.browser.newPage();
    await page.goto(`${sites.top}/login`);
    await launched.browser
      .defaultBrowserContext()
      .overridePermissions(sites.top, ["clipboard-read", "clipboard-sanitized-write"]);
    const popup = await openActionPopup(launched.browser, page, id);
    await popup.waitForSelector(".account .code");
    const code = await popup.$eval(".account .code", (el) => el.getAttribute("data-code"));
    const copiedAt = Date.now();
    await popup.click(".account .code");
    await waitForText(popup, "コピーしました（1分後にクリップボードを消去します）");
    await popup.close(); // the popup is gone: the background clears

    const clipboard = () =>
      page.bringToFront().then(() => page.evaluate(() => navigator.clipboard.readText()));
    expect(await clipboard()).toBe(code);
    const worker = await serviceWorker(launched.browser, id);
    type Alarms = {
      alarms: {
        get(n: string): Promise<{ scheduledTime: number } | undefined>;
        create(n: string, o: object): Promise<void>;
      };
    };
    const scheduled = await worker.evaluate(
      async () =>
        (await (globalThis as unknown as { chrome: Alarms }).chrome.alarms.get("clipboard-clear"))
          ?.scheduledTime,
    );
    expect(scheduled).toBeGreaterThanOrEqual(copiedAt + 59_000);
    expect(scheduled).toBeLessThan(copiedAt + 70_000);

    // Something else copied meanwhile is cleared too: the setting says so (no clipboardRead to check first).
    await page.evaluate(() => navigator.clipboard.writeText("something copied elsewhere"));
    // Bring the alarm forward (an unpacked extension's alarms may fire at once) instead of waiting a minute.
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: Alarms }).chrome.alarms.create("clipboard-clear", {
        when: Date.now() + 100,
      }),
    );
    for (let i = 0; i < 50 && (await clipboard()) !== ""; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await clipboard()).toBe("");
    await page.close();
  });
});
