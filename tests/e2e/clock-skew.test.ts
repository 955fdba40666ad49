// Clock skew against the real portal: the portal's clock (Deps.clock, which also dates its responses) runs
// 90 s ahead of the browser's, then 90 s behind. The code the PC clock alone gives is refused by the portal
// (shown by typing it); the extension measures the portal's Date header, so the code it shows after
// 画面のQRコードを読み取る and fills with このページに入力 is in the portal's window, 実行 enrols and the member is
// signed in; the popup names the offset and the Windows / macOS steps.
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LaunchedBrowser } from "./support/browser";
import {
  clickByText,
  MASTER_PASSWORD,
  openActionPopup,
  otpValue,
  serviceWorker,
  validCodes,
  waitForText,
} from "./support/extension";
import { installExtension, openTotpSetup, POPUP_WORDS } from "./support/installed-extension";
import { startTestPortal, type TestPortal } from "./support/portal";
import { screenshotDir } from "./support/screenshots";
import {
  decodeQrImage,
  memberAfterFirstLogin,
  pathOf,
  signInWithPassword,
  signOut,
  totpCode,
} from "./support/second-factor";

const runs = [
  {
    skewMs: 90_000,
    build: "chrome",
    lang: "ja",
    ...POPUP_WORDS.ja,
    warning: "パソコンの時計が",
    offBy: /1分(29|30|31)秒遅れています/,
    windows: "「時刻を自動的に設定する」をオンにして「今すぐ同期」",
    mac: "「日付と時刻を自動的に設定」をオン",
  },
  {
    skewMs: -90_000,
    build: "edge",
    lang: "en",
    ...POPUP_WORDS.en,
    warning: "This computer's clock is",
    offBy: /1 min (29|30|31) s ahead/,
    windows: "“Set time automatically”, then “Sync now”",
    mac: "“Set time and date automatically”",
  },
] as const;

/** The popup names the offset once it has measured the portal (the Date header has 1-s resolution). */
const waitForOffset = (popup: Page, offBy: RegExp) =>
  popup.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector(".clock-warning")?.textContent ?? ""),
    {},
    offBy.source,
  );

describe.each(runs)("the portal's clock $skewMs ms from the PC's ($build, $lang)", (run) => {
  const userId = `clock-${run.build}`;
  /** How far the portal's clock is from the browser's (which runs on this machine's real clock). */
  const skewMs = run.skewMs;
  // A portal of its own per run: one whose clock jumped back would see the other run's throttle records
  // as recent.
  let portal: TestPortal;
  let launched: LaunchedBrowser;
  let id: string;
  let page: Page;
  let secret = "";
  let enrolCode = "";

  beforeAll(async () => {
    portal = await startTestPortal({ clock: () => new Date(Date.now() + skewMs) });
    ({ launched, id } = await installExtension(run.build, run.lang, MASTER_PASSWORD));
    await memberAfterFirstLogin(portal, { userId, method: "totp", email: `${userId}@example.jp` });
    ({ page, secret } = await openTotpSetup(launched.browser, portal, userId, run.lang));
  });

  afterAll(async () => {
    await launched?.close();
    await portal?.close();
  });

  it("the code of the PC clock alone is outside the portal's window and refused", async () => {
    const pcCode = totpCode(secret, new Date());
    expect(validCodes(secret, Date.now() + skewMs)).not.toContain(pcCode);
    await page.type("#otp", pcCode);
    await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]); // 実行
    expect(pathOf(page)).toBe("/login/totp-setup");
    expect(await page.$eval(".alert-error", (el) => el.textContent)).toBeTruthy();
  });

  it("the scanned account's code and the filled code are the portal's; 実行 signs in; the popup warns", async () => {
    secret = new URL(await decodeQrImage(page)).searchParams.get("secret") ?? secret;
    const popup = await openActionPopup(launched.browser, page, id);
    await waitForOffset(popup, run.offBy);
    const warning = await popup.$eval(".clock-warning", (el) => el.textContent ?? "");
    expect(warning).toContain(run.warning);
    expect(warning).toContain(new URL(portal.origin).host);
    expect(warning).toContain(run.windows); // Linux: both systems' steps are shown
    expect(warning).toContain(run.mac);

    await clickByText(popup, ".bar-button", run.add);
    await clickByText(popup, ".method", run.scan);
    await waitForText(popup, run.added);
    const shown = await popup.$eval(".added-card [data-code]", (el) => el.getAttribute("data-code") ?? "");
    expect(validCodes(secret, Date.now() + skewMs)).toContain(shown);
    expect(validCodes(secret, Date.now())).not.toContain(shown);
    await popup.screenshot({ path: `${screenshotDir("clock-skew")}/popup-added.${run.lang}.png` });

    await page.$eval("#otp", (el) => {
      (el as HTMLInputElement).value = "";
    });
    await clickByText(popup, "button", run.fill);
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    const filled = await otpValue(page);
    expect(validCodes(secret, Date.now() + skewMs)).toContain(filled);
    expect(validCodes(secret, Date.now())).not.toContain(filled);
    enrolCode = filled;
    await popup.close();
    await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]); // 実行
    expect(pathOf(page)).toBe("/");
  });

  it("the popup's list on the portal shows the corrected code and the warning", async () => {
    const popup = await openActionPopup(launched.browser, page, id);
    await waitForOffset(popup, run.offBy);
    const listed = await popup.$eval(".account [data-code]", (el) => el.getAttribute("data-code") ?? "");
    expect(validCodes(secret, Date.now() + skewMs)).toContain(listed);
    await popup.screenshot({ path: `${screenshotDir("clock-skew")}/popup-list.${run.lang}.png` });
    await popup.close();
  });

  // Once is enough (it waits for the portal's next 30-s step): the chrome run.
  it.runIf(run.build === "chrome")(
    "the context menu's fill measures the page itself when nothing was measured",
    async () => {
      await signOut(page);
      // The portal takes each step once: wait for the step after the enrolment's, on the portal's clock.
      while (validCodes(secret, Date.now() + skewMs)[1] === enrolCode) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await signInWithPassword(page, portal.origin, userId);
      expect(pathOf(page)).toBe("/login/second-factor");
      const worker = await serviceWorker(launched.browser, id);
      type Api = {
        storage: { session: { remove(key: string): Promise<void>; get(key: string): Promise<object> } };
        tabs: { query(q: object): Promise<unknown[]> };
        contextMenus: { onClicked: { dispatch(info: object, tab: unknown): void } };
      };
      await worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: Api }).chrome;
        await api.storage.session.remove("clockMeasurements");
      });
      await page.bringToFront();
      await page.focus("#otp");
      // Native menus are out of CDP's reach: deliver the click the way Chrome does (activeTab was granted on
      // this origin by the popup).
      await worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: Api }).chrome;
        const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
        api.contextMenus.onClicked.dispatch({ menuItemId: "fill-otp", editable: true }, tab);
      });
      await page.waitForFunction(
        () => (document.getElementById("otp") as HTMLInputElement).value.length === 6,
      );
      const filled = await otpValue(page);
      expect(validCodes(secret, Date.now() + skewMs)).toContain(filled);
      expect(validCodes(secret, Date.now())).not.toContain(filled);
      const stored = await worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: Api }).chrome;
        return JSON.stringify(await api.storage.session.get("clockMeasurements"));
      });
      expect(stored).toContain(portal.origin);
      await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]);
      expect(pathOf(page)).toBe("/");
    },
  );
});
