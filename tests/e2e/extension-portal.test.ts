// Manual 2-5 with this extension against the real portal: set the master password, open the portal's
// ワンタイムパスワード認証の設定 screen, 画面のQRコードを読み取る, the popup's code equals the one computed here,
// 入力 fills the portal's field, 実行 enrols; the next sign-in is filled from the context menu and by the shortcut
// on the bound origin in one action. storage.local never holds the key, the user ID or the issuer in plaintext.
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "./support/browser";
import {
  BUILDS,
  chooseLanguage,
  clickByText,
  closeInstallGuide,
  extensionIdOf,
  openActionPopup,
  openPopupTab,
  serviceWorker,
  storageLocalText,
  validCodes,
  waitForText,
} from "./support/extension";
import { startTestPortal, type TestPortal } from "./support/portal";
import {
  decodeQrImage,
  memberAfterFirstLogin,
  pathOf,
  signInWithPassword,
  signOut,
} from "./support/second-factor";

const USER_ID = "ext-member-25";
let portal: TestPortal;
let launched: LaunchedBrowser;
let id: string;

beforeAll(async () => {
  portal = await startTestPortal();
  launched = await launchBrowser({ extensions: [BUILDS.chrome], lang: "ja" });
  id = extensionIdOf(launched.extensionIds, BUILDS.chrome);
  await closeInstallGuide(launched.browser, id);
  await chooseLanguage(launched.browser, id, "ja");
});

afterAll(async () => {
  await launched?.close();
  await portal?.close();
});

async function createVault(): Promise<void> {
  const popup = await openPopupTab(launched.browser, id);
  await popup.waitForSelector("#new-password");
  await popup.type("#new-password", "kosmo-member-2026");
  await popup.type("#confirm-password", "kosmo-member-2026");
  await popup.click("button[type=submit]");
  await popup.waitForSelector(".empty");
  await popup.close();
}

/** The portal refuses a code twice in its window: wait for the next 30 s step after `used`. */
async function waitForNextStep(secret: string, used: string): Promise<void> {
  while (validCodes(secret)[1] === used) await new Promise((resolve) => setTimeout(resolve, 500));
}

/**
 * Alt+Shift+O. Keys sent over CDP reach the page but not the browser's accelerators, so the test delivers the
 * command the way Chrome does after the key press: `commands.onCommand` in the service worker, with the
 * active tab. (The access to that tab comes from activeTab, granted earlier on this origin by the popup.)
 */
async function pressFillShortcut(): Promise<void> {
  const worker = await serviceWorker(launched.browser, id);
  await worker.evaluate(async () => {
    type Api = {
      tabs: { query(q: object): Promise<unknown[]> };
      commands: { onCommand: { dispatch(name: string, tab: unknown): void } };
    };
    const api = (globalThis as unknown as { chrome: Api }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    api.commands.onCommand.dispatch("fill-otp", tab);
  });
}

/** Right-click on the field → ワンタイムパスワードを入力, delivered like pressFillShortcut (native menus are not
 *  reachable over CDP). */
async function chooseContextMenuItem(): Promise<void> {
  const worker = await serviceWorker(launched.browser, id);
  await worker.evaluate(async () => {
    type Api = {
      tabs: { query(q: object): Promise<unknown[]> };
      contextMenus: { onClicked: { dispatch(info: object, tab: unknown): void } };
    };
    const api = (globalThis as unknown as { chrome: Api }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    api.contextMenus.onClicked.dispatch({ menuItemId: "fill-otp", editable: true }, tab);
  });
}

async function otpValue(page: Page): Promise<string> {
  return page.$eval("#otp", (el) => (el as HTMLInputElement).value);
}

describe("manual 2-5 with the extension on the real portal", () => {
  it("enrols by scan + 入力 + 実行, and the next sign-in is filled by the context menu and by the shortcut", async () => {
    await memberAfterFirstLogin(portal, { userId: USER_ID, method: "totp", email: "ext@example.jp" });
    await createVault();

    const page = await launched.browser.newPage();
    await signInWithPassword(page, portal.origin, USER_ID);
    expect(pathOf(page)).toBe("/login/totp-setup");
    const secret = new URL(await decodeQrImage(page)).searchParams.get("secret") ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, ".bar-button", "追加");
    await clickByText(popup, ".method", "画面のQRコードを読み取る");
    await waitForText(popup, "追加されました。");
    const shown = await popup.$eval(".added-card [data-code]", (el) => el.getAttribute("data-code") ?? "");
    expect(validCodes(secret)).toContain(shown);
    expect(await popup.$eval(".added-card", (el) => el.textContent)).toContain(portal.origin);
    const stored = await storageLocalText(launched.browser, id);
    for (const plaintext of [secret, USER_ID, "KOSMO Web", new URL(portal.origin).host]) {
      expect(stored).not.toContain(plaintext);
    }

    await clickByText(popup, "button", "このページに入力");
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    const enrolCode = await otpValue(page);
    expect(validCodes(secret)).toContain(enrolCode);
    await popup.close();
    await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]); // 実行
    expect(pathOf(page)).toBe("/");

    // Next sign-in: ID + password, then the code field; the shortcut fills the bound account in one action.
    await signOut(page);
    await waitForNextStep(secret, enrolCode);
    await signInWithPassword(page, portal.origin, USER_ID);
    expect(pathOf(page)).toBe("/login/second-factor");
    await page.bringToFront();
    await page.focus("#otp");
    await chooseContextMenuItem();
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    expect(validCodes(secret)).toContain(await otpValue(page));
    await page.$eval("#otp", (el) => {
      (el as HTMLInputElement).value = "";
    });
    await pressFillShortcut();
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    expect(validCodes(secret)).toContain(await otpValue(page));
    await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]);
    expect(pathOf(page)).toBe("/");
    await page.close();
  });
});
