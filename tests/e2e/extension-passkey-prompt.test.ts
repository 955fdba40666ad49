// 「このサイトでパスキーを使う」 with the build as shipped: the click also asks the browser for the sign-in field's
// site access, and that prompt takes the focus and closes the popup (as in Chrome; headless Chromium cannot
// answer it). The site must be allowed all the same — the modal パスキーでログイン needs no host access — and
// the next popup offers to ask again for the field (「ユーザID欄にもパスキーを表示する」).
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LaunchedBrowser } from "./support/browser";
import { allowPasskeySite } from "./support/extension";
import { installExtension } from "./support/installed-extension";
import { startTestPortal, type TestPortal } from "./support/portal";

let portal: TestPortal;
let launched: LaunchedBrowser;
let id: string;

beforeAll(async () => {
  portal = await startTestPortal();
  ({ launched, id } = await installExtension("chrome", "ja", "kosmo-prompt-2026"));
});
afterAll(async () => {
  await launched?.close();
  await portal?.close();
});

it("allows the site even though the site-access prompt closes the popup", async () => {
  const page: Page = await launched.browser.newPage();
  await page.goto(`${portal.origin}/login`);
  const again = await allowPasskeySite(launched.browser, page, id);
  expect(await again.$eval("#passkey-site-allowed", (p) => p.textContent)).toContain(portal.origin);
  await again.waitForSelector("#passkey-allow-field");
  expect(await again.$eval("#passkey-allow-field", (b) => b.textContent)).toBe(
    "ユーザID欄にもパスキーを表示する",
  );
});
