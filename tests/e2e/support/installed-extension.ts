// A fresh Chromium profile with one build of the extension installed, as a member first meets it, and the
// portal's TOTP set-up page that the extension tests then scan: the set-up every extension end-to-end test
// starts from.
import type { Browser, Page } from "puppeteer-core";
import { expect } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "./browser";
import {
  BUILDS,
  closeInstallGuide,
  createVaultInPopup,
  expectBrowserLanguage,
  extensionIdOf,
} from "./extension";
import { decodeQrImage, pathOf, signInWithPassword } from "./second-factor";

/** The popup's words the tests click and wait for while they add the portal's account and fill its code. */
export const POPUP_WORDS = {
  ja: { add: "追加", scan: "画面のQRコードを読み取る", added: "追加されました。", fill: "このページに入力" },
  en: { add: "Add", scan: "Scan the QR code on the screen", added: "Added.", fill: "Fill into this page" },
} as const;

export interface InstalledExtension {
  launched: LaunchedBrowser;
  id: string;
}

/**
 * Chromium in `lang` with `build` installed: the install guide it opens is closed (later tabs get the keys),
 * the extension's UI language is checked to be `lang`, and with `masterPassword` the vault is created.
 */
export async function installExtension(
  build: keyof typeof BUILDS,
  lang: "ja" | "en",
  masterPassword?: string,
): Promise<InstalledExtension> {
  const launched = await launchBrowser({ extensions: [BUILDS[build]], lang });
  const id = extensionIdOf(launched.extensionIds, BUILDS[build]);
  await closeInstallGuide(launched.browser, id);
  await expectBrowserLanguage(launched.browser, id, lang);
  if (masterPassword) await createVaultInPopup(launched.browser, id, masterPassword);
  return { launched, id };
}

/**
 * A new tab in `lang` where the member (past the first login, TOTP chosen, no device yet) signs in with the
 * password and lands on the portal's TOTP set-up page; `secret` is the one its QR code shows.
 */
export async function openTotpSetup(
  browser: Browser,
  portal: { origin: string },
  userId: string,
  lang: "ja" | "en",
): Promise<{ page: Page; secret: string }> {
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ "Accept-Language": lang });
  await signInWithPassword(page, portal.origin, userId);
  expect(pathOf(page)).toBe("/login/totp-setup");
  const secret = new URL(await decodeQrImage(page)).searchParams.get("secret") ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  return { page, secret };
}
