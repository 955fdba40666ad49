// The other two ways onto the real portal's ワンタイムパスワード認証の設定 screen (the first, 画面のQRコードを
// 読み取る, is extension-portal.test.ts): a member of the Chrome build drags 範囲を選択して読み取る around the
// portal's QR image, and a member of the Edge build follows the Edge manual (【4】 save the QR as a PNG,
// 【6】 choose the saved image) with 画像ファイルから読み取る. Each time: the account is added, its code is the
// one computed here from the portal's QR, the code goes into the portal's field, 実行 enrols and the member lands
// on the top page. storage.local never holds the key, the user ID or the issuer in plaintext.
// No guide screenshots are written here.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTotpDevices } from "../../portal/db/totp-devices";
import type { LaunchedBrowser } from "./support/browser";
import {
  type BUILDS,
  clickByText,
  dragAround,
  MASTER_PASSWORD,
  openActionPopup,
  storageLocalText,
  validCodes,
  waitForText,
} from "./support/extension";
import { installExtension, openTotpSetup, POPUP_WORDS } from "./support/installed-extension";
import { startTestPortal } from "./support/portal";
import { memberAfterFirstLogin, pathOf } from "./support/second-factor";
import { shared } from "./support/shared";

const JA = {
  ...POPUP_WORDS.ja,
  region: "範囲を選択して読み取る",
  file: "画像ファイルから読み取る",
  typeIt: "サイトの確認画面に、上のコードを入力してください。",
};

const portal = shared(startTestPortal);

/** A fresh browser with `build` installed in Japanese, its vault created, at the portal's set-up page. */
async function memberAtSetupPage(build: keyof typeof BUILDS, userId: string) {
  const { launched, id } = await installExtension(build, "ja", MASTER_PASSWORD);
  await memberAfterFirstLogin(portal, { userId, method: "totp", email: `${userId}@example.jp` });
  const { page, secret } = await openTotpSetup(launched.browser, portal, userId, "ja");
  return { launched, id, page, secret };
}

function expectNoPlaintext(stored: string, secret: string, userId: string): void {
  expect(stored).toContain('"vault"');
  for (const plaintext of [secret, userId, "KOSMO Web", new URL(portal.origin).host]) {
    expect(stored).not.toContain(plaintext);
  }
}

/** The popup the service worker reopens after a region scan (Chrome 127+), or the one the member opens. */
async function popupAfterRegionScan(browser: Browser, page: Page, id: string): Promise<Page> {
  const reopened = await browser
    .waitForTarget((t) => t.url() === `chrome-extension://${id}/popup.html`, { timeout: 3_000 })
    .catch(() => null);
  if (!reopened) return openActionPopup(browser, page, id);
  const popup = await reopened.asPage();
  await popup.waitForSelector("main:not([aria-busy])");
  return popup;
}

/** 実行 on the set-up page with the code in #otp: the portal enrols and shows the top page. */
async function submitAndExpectTopPage(page: Page): Promise<void> {
  await page.bringToFront();
  await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]);
  expect(pathOf(page)).toBe("/");
}

async function enrolledDevices(userId: string): Promise<number> {
  const member = await portal.member(userId);
  if (!member) throw new Error(`no member ${userId}`);
  return (await listTotpDevices(portal.portal.db, member.id)).length;
}

const otpValue = (page: Page) => page.$eval("#otp", (el) => (el as HTMLInputElement).value);

describe("Chrome build: 範囲を選択して読み取る with a mouse drag around the portal's QR", () => {
  const userId = "ext-member-region";
  let launched: LaunchedBrowser;
  let id: string;
  let page: Page;
  let secret: string;

  beforeAll(async () => {
    ({ launched, id, page, secret } = await memberAtSetupPage("chrome", userId));
  });
  afterAll(async () => {
    await launched?.close();
  });

  it("adds the account from the dragged area, with the code computed from the portal's QR", async () => {
    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, ".bar-button", JA.add);
    const closed = new Promise((resolve) => popup.once("close", resolve));
    await clickByText(popup, ".method", JA.region);
    await closed;
    const before = await storageLocalText(launched.browser, id);
    await dragAround(page, "#totp-qr");
    await page.mouse.up();
    // The page stays in front until the vault is rewritten: the capture is taken once the overlay is gone.
    await expect.poll(() => storageLocalText(launched.browser, id), { timeout: 15_000 }).not.toBe(before);
    expectNoPlaintext(await storageLocalText(launched.browser, id), secret, userId);

    const result = await popupAfterRegionScan(launched.browser, page, id);
    await waitForText(result, JA.added);
    const shown = await result.$eval(".added-card [data-code]", (el) => el.getAttribute("data-code") ?? "");
    expect(validCodes(secret)).toContain(shown);
    expect(await result.$eval(".added-card", (el) => el.textContent)).toContain(portal.origin);
    expect(await result.$(".added-card ~ .fill-button")).not.toBeNull();

    await clickByText(result, "button", JA.fill); // 入力
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    expect(validCodes(secret)).toContain(await otpValue(page));
    await result.close();
  });

  it("実行 enrols and the member lands on the top page", async () => {
    expect(await enrolledDevices(userId)).toBe(0);
    await submitAndExpectTopPage(page);
    expect(await enrolledDevices(userId)).toBe(1);
    expectNoPlaintext(await storageLocalText(launched.browser, id), secret, userId);
  });
});

describe("Edge build: the manual's path, the QR saved as a PNG and 画像ファイルから読み取る", () => {
  const userId = "ext-member-image";
  const tmp = mkdtempSync(path.join(tmpdir(), "kosmo-portal-qr-"));
  let launched: LaunchedBrowser;
  let id: string;
  let page: Page;
  let secret: string;
  let typed = "";

  beforeAll(async () => {
    ({ launched, id, page, secret } = await memberAtSetupPage("edge", userId));
  });
  afterAll(async () => {
    await launched?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("adds the account from the saved PNG, with the code computed from the portal's QR", async () => {
    // 【4】 二次元コードを保存します: the bytes of the portal's <img>, as "save image as" writes them.
    const src = await page.$eval("#totp-qr", (img) => (img as HTMLImageElement).src);
    expect(src.startsWith("data:image/png;base64,")).toBe(true);
    const file = path.join(tmp, "kosmo-web-qr.png");
    writeFileSync(file, Buffer.from(src.split(",")[1] ?? "", "base64"));

    // 【5】【6】 open the extension over the portal, 追加, choose the saved image.
    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, ".bar-button", JA.add);
    await waitForText(popup, JA.file);
    const input = await popup.waitForSelector("input[type=file]");
    await input?.uploadFile(file);
    await waitForText(popup, JA.added);
    const shown = await popup.$eval(".added-card [data-code]", (el) => el.getAttribute("data-code") ?? "");
    expect(validCodes(secret)).toContain(shown);
    expectNoPlaintext(await storageLocalText(launched.browser, id), secret, userId);

    // An image carries no page: the popup asks the member to type the code, and has no 入力 for it.
    await waitForText(popup, JA.typeIt);
    expect(await popup.$(".added-card ~ .fill-button")).toBeNull();
    typed = shown;
    await popup.close();
  });

  it("the code typed into the portal's field and 実行 enrol; the member lands on the top page", async () => {
    expect(await enrolledDevices(userId)).toBe(0);
    await page.bringToFront();
    await page.type("#otp", typed);
    expect(await otpValue(page)).toBe(typed);
    await submitAndExpectTopPage(page);
    expect(await enrolledDevices(userId)).toBe(1);
    expectNoPlaintext(await storageLocalText(launched.browser, id), secret, userId);
  });
});
