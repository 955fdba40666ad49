// Moving in from other authenticators with the built extension (Chrome build, ja): the settings page imports
// a Chrome "Authenticator"-style backup (otpauth:// lines) and reports added / duplicate / invalid lines;
// 画面のQRコードを読み取る on a Google Authenticator export QR shows how many accounts it holds and adds them all.
// storage.local holds none of the imported secrets or names in plaintext.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationUri } from "../unit/support/migration-export";
import { type LaunchedBrowser, launchBrowser } from "./support/browser";
import {
  BUILDS,
  clickByText,
  closeInstallGuide,
  createVaultInPopup,
  expectBrowserLanguage,
  extensionIdOf,
  fixtureAccount,
  openActionPopup,
  openPopupTab,
  startFixtureSite,
  storageLocalText,
  validCodes,
  waitForText,
} from "./support/extension";

const alpha = fixtureAccount("Alpha Bank", "ann@example.jp");
const beta = fixtureAccount("Beta Mail", "bob@example.jp");
const GA_SECRET = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];
const exported = {
  issuer: "Gamma",
  label: "carol",
  secret: "",
  uri: migrationUri([
    { secret: GA_SECRET, name: "carol", issuer: "Gamma Cloud" },
    { secret: [...GA_SECRET].reverse(), name: "dave", issuer: "Delta Shop" },
  ]),
};

let launched: LaunchedBrowser;
let id: string;
let site: Awaited<ReturnType<typeof startFixtureSite>>;
const tmp = mkdtempSync(path.join(tmpdir(), "kosmo-import-"));

beforeAll(async () => {
  site = await startFixtureSite([exported]);
  launched = await launchBrowser({ extensions: [BUILDS.chrome], lang: "ja" });
  id = extensionIdOf(launched.extensionIds, BUILDS.chrome);
  await closeInstallGuide(launched.browser, id);
  await expectBrowserLanguage(launched.browser, id, "ja");
  await createVaultInPopup(launched.browser, id, "kosmo-member-2026");
});

afterAll(async () => {
  await launched?.close();
  await site?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("moving in from other authenticators", () => {
  it("imports an otpauth:// backup file on the settings page, naming duplicate and unreadable lines", async () => {
    const file = path.join(tmp, "authenticator-backup.txt");
    writeFileSync(file, `${alpha.uri}\n${beta.uri}\nhttps://example.com/\n${alpha.uri}\n`);
    const settings = await launched.browser.newPage();
    await settings.goto(`chrome-extension://${id}/options.html`);
    const input = await settings.waitForSelector("input[type=file]");
    await input?.uploadFile(file);
    await settings.waitForSelector(".import-summary");
    const summary = await settings.$eval(".import-summary", (el) => el.textContent ?? "");
    expect(summary).toContain("2 件のアカウントを追加しました。");
    expect(summary).toContain("登録済みのため 1 件を追加しませんでした（行: 4）");
    expect(summary).toContain("1 行を読み取れなかったため追加していません（行: 3）");
    const stored = await storageLocalText(launched.browser, id);
    for (const text of [alpha.secret, beta.secret, alpha.label, beta.issuer])
      expect(stored).not.toContain(text);
    await settings.close();
  });

  it("scans a Google Authenticator export QR, says how many accounts it holds and adds them all", async () => {
    const page = await launched.browser.newPage();
    await page.goto(`${site.url}/enroll/0`);
    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, ".bar-button", "追加");
    await clickByText(popup, ".method", "画面のQRコードを読み取る");
    await waitForText(popup, "このQRコードには 2 件のアカウントがあります。");
    await clickByText(popup, "button", "2 件すべて追加");
    await waitForText(popup, "2 件のアカウントを追加しました。");
    await clickByText(popup, "button", "閉じる");
    await waitForText(popup, "Delta Shop");
    const labels = await popup.$$eval(".account .label", (els) => els.map((el) => el.textContent));
    expect(labels).toEqual([alpha.label, beta.label, "carol", "dave"]);
    const codes = await popup.$$eval("[data-code]", (els) => els.map((el) => el.getAttribute("data-code")));
    expect(validCodes(alpha.secret)).toContain(codes[0]);
    const stored = await storageLocalText(launched.browser, id);
    for (const text of ["Gamma Cloud", "carol", "JBSWY3DPEHPK3PXP"]) expect(stored).not.toContain(text);
    await popup.close();
    await page.close();
  });
  it("follows the browser's Japanese until the member picks English on the settings page, and back", async () => {
    const settings = await launched.browser.newPage();
    await settings.goto(`chrome-extension://${id}/options.html`);
    await waitForText(settings, "表示言語");
    expect(await settings.$eval("#language", (el) => (el as HTMLSelectElement).value)).toBe("auto");
    await settings.select("#language", "en");
    await waitForText(settings, "KOSMO Authenticator settings");
    const popup = await openPopupTab(launched.browser, id);
    await waitForText(popup, "Lock");
    expect(await popup.evaluate(() => document.body.textContent)).not.toContain("ロック");
    await popup.close();
    await settings.select("#language", "auto");
    await waitForText(settings, "KOSMO Authenticator の設定");
    await settings.close();
  });
});
