// Manual 2-5 with this extension against the real portal, for the Chrome build (ja) and the Edge build (en):
// set the master password; on the portal's ワンタイムパスワード認証の設定 screen try 範囲を選択して読み取る (Esc
// cancels, nothing added), then 画面のQRコードを読み取る; the popup's code equals the one computed here; 入力 fills
// the portal's field; 実行 enrols; the next sign-in is filled from the context menu and by the shortcut on the
// bound origin in one action. storage.local never holds the key, the user ID or the issuer in plaintext.
// These runs also take the member guide's screenshots and write member-guide.{ja,en}.md: into test-output/guide/
// by default, into extension/public/guide/ and docs/ under `npm run guide` (support/guide-output.ts).
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_SHOTS } from "../../extension/ui/guide-outline";
import type { LaunchedBrowser } from "./support/browser";
import {
  clickByText,
  createVaultInPopup,
  dragAround,
  MASTER_PASSWORD,
  openActionPopup,
  otpValue,
  serviceWorker,
  storageLocalText,
  validCodes,
  waitForNextStep,
  waitForText,
} from "./support/extension";
import { GuideRun } from "./support/guide-run";
import { guideFile, shot } from "./support/guide-shots";
import { installExtension, openTotpSetup, POPUP_WORDS } from "./support/installed-extension";
import { startTestPortal } from "./support/portal";
import { memberAfterFirstLogin, pathOf, signInWithPassword, signOut } from "./support/second-factor";
import { shared } from "./support/shared";

const runs = [
  { build: "chrome", lang: "ja", ...POPUP_WORDS.ja, region: "範囲を選択して読み取る" },
  { build: "edge", lang: "en", ...POPUP_WORDS.en, region: "Select an area to scan" },
] as const;

const portal = shared(startTestPortal);

type ChromeApi = {
  tabs: { query(q: object): Promise<unknown[]> };
  commands: { onCommand: { dispatch(name: string, tab: unknown): void } };
  contextMenus: { onClicked: { dispatch(info: object, tab: unknown): void } };
};

/**
 * Alt+Shift+O. Keys sent over CDP reach the page but not the browser's accelerators, so the test delivers the
 * command the way Chrome does after the key press: `commands.onCommand` in the service worker, with the
 * active tab. (The access to that tab comes from activeTab, granted earlier on this origin by the popup.)
 * The context-menu item (native menus are not reachable over CDP) is delivered the same way.
 */
async function dispatchInWorker(launched: LaunchedBrowser, id: string, via: "command" | "menu") {
  const worker = await serviceWorker(launched.browser, id);
  await worker.evaluate(async (kind) => {
    const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    if (kind === "command") api.commands.onCommand.dispatch("fill-otp", tab);
    else api.contextMenus.onClicked.dispatch({ menuItemId: "fill-otp", editable: true }, tab);
  }, via);
}

const waitForFilledOtp = (page: Page) =>
  page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);

describe.each(runs)("manual 2-5 on the real portal, $build build ($lang)", (run) => {
  const userId = `ext-member-${run.build}`;
  const guide = new GuideRun(run.lang);
  let launched: LaunchedBrowser;
  let id: string;
  let page: Page;
  let secret = "";
  let enrolCode = "";

  beforeAll(async () => {
    ({ launched, id } = await installExtension(run.build, run.lang));
    await memberAfterFirstLogin(portal, { userId, method: "totp", email: `${run.build}@example.jp` });
  });

  afterAll(async () => {
    await launched?.close();
  });

  it("sets the master password on first run", async () => {
    await createVaultInPopup(launched.browser, id, MASTER_PASSWORD, async (popup) => {
      await popup.setViewport({ width: 360, height: 560 });
      await shot(popup, "popup-create", run.lang);
    });
  });

  it(`on the portal's set-up page: ${run.region} is cancelled with Esc, nothing added`, async () => {
    ({ page, secret } = await openTotpSetup(launched.browser, portal, userId, run.lang));

    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, ".bar-button", run.add);
    await waitForText(popup, run.scan);
    await guide.capturePopup("popup-add", page, popup);
    const closed = new Promise((resolve) => popup.once("close", resolve));
    await clickByText(popup, ".method", run.region);
    await closed;
    const before = await storageLocalText(launched.browser, id);
    await dragAround(page, "#totp-qr");
    await shot(page, "overlay", run.lang);
    await page.keyboard.press("Escape");
    await page.mouse.up();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await storageLocalText(launched.browser, id)).toBe(before);
  });

  it(`${run.scan} adds the account, the code is right, 入力 fills the portal's field and 実行 enrols`, async () => {
    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, ".bar-button", run.add);
    await clickByText(popup, ".method", run.scan);
    await waitForText(popup, run.added);
    const shown = await popup.$eval(".added-card [data-code]", (el) => el.getAttribute("data-code") ?? "");
    expect(validCodes(secret)).toContain(shown);
    expect(await popup.$eval(".added-card", (el) => el.textContent)).toContain(portal.origin);
    await guide.capturePopup("popup-added", page, popup);
    const stored = await storageLocalText(launched.browser, id);
    for (const plaintext of [secret, userId, "KOSMO Web", new URL(portal.origin).host]) {
      expect(stored).not.toContain(plaintext);
    }

    await clickByText(popup, "button", run.fill);
    await waitForFilledOtp(page);
    enrolCode = await otpValue(page);
    expect(validCodes(secret)).toContain(enrolCode);
    await popup.close();
    await page.$eval("#otp", (el) => el.scrollIntoView({ block: "center" }));
    await shot(page, "portal-filled", run.lang);
    await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]); // 実行
    expect(pathOf(page)).toBe("/");
  });

  it("fills the next sign-in from the context menu and by the shortcut on the bound origin", async () => {
    await signOut(page);
    await waitForNextStep(secret, enrolCode);
    await signInWithPassword(page, portal.origin, userId);
    expect(pathOf(page)).toBe("/login/second-factor");

    const popup = await openActionPopup(launched.browser, page, id);
    await popup.waitForSelector(".account.bound .fill-button");
    await guide.capturePopup("popup-list", page, popup);
    await popup.close();

    await page.bringToFront();
    await page.focus("#otp");
    await dispatchInWorker(launched, id, "menu");
    await waitForFilledOtp(page);
    expect(validCodes(secret)).toContain(await otpValue(page));
    await page.$eval("#otp", (el) => {
      (el as HTMLInputElement).value = "";
    });
    await dispatchInWorker(launched, id, "command");
    await waitForFilledOtp(page);
    expect(validCodes(secret)).toContain(await otpValue(page));
    await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]);
    expect(pathOf(page)).toBe("/");
    await page.close();
  });

  it("shows the settings page and writes the member guide next to this run's screenshots", async () => {
    const settings = await launched.browser.newPage();
    await settings.setViewport({ width: 900, height: 800 });
    await settings.goto(`chrome-extension://${id}/options.html`);
    await settings.waitForSelector("main:not([aria-busy]) #auto-lock");
    await settings.screenshot({ path: guideFile("settings", run.lang), fullPage: true });
    await settings.close();
    await guide.writeComposites(launched.browser);
    // Members read docs/member-guide.*.md: its pictures are the runs' shots at their committed places.
    expect(guide.expectWritten(GUIDE_SHOTS)).toContain(run.scan);
  });
});
