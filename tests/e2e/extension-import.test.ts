// Moving in from other authenticators with the built extension (Chrome build, ja): the settings page reads a
// Chrome "Authenticator"-style backup (otpauth:// lines), an encrypted Aegis vault and an encrypted andOTP file
// (binary), shows 取り込む内容の確認 — what will be added and what is left out, and why — and only 「取り込む」
// writes; 画面のQRコードを読み取る on a Google Authenticator export QR shows how many accounts it holds and adds
// them all. storage.local holds none of the imported secrets or names in plaintext.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aegisEncrypted, andOtpEncrypted } from "../unit/support/import-fixtures";
import { migrationUri } from "../unit/support/migration-export";
import type { LaunchedBrowser } from "./support/browser";
import {
  clickByText,
  fixtureAccount,
  MASTER_PASSWORD,
  openActionPopup,
  openPopupTab,
  startFixtureSite,
  storageLocalText,
  validCodes,
  waitForText,
} from "./support/extension";
import { installExtension } from "./support/installed-extension";
import { screenshotDir } from "./support/screenshots";

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
  ({ launched, id } = await installExtension("chrome", "ja", MASTER_PASSWORD));
});

afterAll(async () => {
  await launched?.close();
  await site?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function openSettings(): Promise<Page> {
  const settings = await launched.browser.newPage();
  await settings.goto(`chrome-extension://${id}/options.html`);
  return settings;
}

async function chooseFile(settings: Page, file: string): Promise<void> {
  const input = await settings.waitForSelector("input[type=file]");
  await input?.uploadFile(file);
}

async function previewText(settings: Page): Promise<string> {
  await settings.waitForSelector(".import-preview");
  return settings.$eval(".import-preview", (el) => el.textContent ?? "");
}

describe("moving in from other authenticators", () => {
  it("previews an otpauth:// backup file on the settings page, naming duplicate and unreadable lines, then imports it", async () => {
    const file = path.join(tmp, "authenticator-backup.txt");
    writeFileSync(file, `${alpha.uri}\n${beta.uri}\nhttps://example.com/\n${alpha.uri}\n`);
    const settings = await openSettings();
    await chooseFile(settings, file);
    const preview = await previewText(settings);
    expect(preview).toContain("取り込む内容の確認");
    expect(preview).toContain("追加するアカウント: 2 件");
    expect(preview).toContain("3 行目 — アカウントとして読み取れません");
    expect(preview).toContain(`4 行目: Alpha Bank / ${alpha.label} — ファイル内の前の項目と重複しています`);
    expect(await storageLocalText(launched.browser, id)).not.toContain("Alpha Bank"); // nothing written yet
    await clickByText(settings, "button", "取り込む");
    await settings.waitForSelector(".import-summary");
    const summary = await settings.$eval(".import-summary", (el) => el.textContent ?? "");
    expect(summary).toContain("2 件のアカウントを追加しました。");
    expect(summary).toContain("2 件は追加していません。");
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
  it("imports an encrypted Aegis vault after its password, showing the preview first (screenshot in ja)", async () => {
    const file = path.join(tmp, "aegis-export.json");
    writeFileSync(
      file,
      aegisEncrypted(
        [
          { name: "erin@example.jp", issuer: "Epsilon Card", secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" },
          {
            name: "frank",
            issuer: "Foxtrot",
            secret: "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK",
            type: "hotp",
            counter: 2,
          },
          {
            name: "gamer",
            issuer: "Steam",
            secret: "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
            type: "steam",
            digits: 5,
          },
          { name: alpha.label, issuer: alpha.issuer, secret: alpha.secret },
        ],
        "aegis-backup-pw",
      ),
    );
    const settings = await openSettings();
    await chooseFile(settings, file);
    await waitForText(settings, "Aegis のバックアップのパスワード");
    await settings.type("#import-password", "not the password");
    await clickByText(settings, "button", "読み込む");
    await waitForText(settings, "パスワードが違います。Aegis でバックアップを作成したときのパスワード");
    const shots = screenshotDir("import");
    await (await settings.$("#import"))?.screenshot({
      path: path.join(shots, "aegis-wrong-password.ja.png"),
    });
    await settings.type("#import-password", "aegis-backup-pw");
    await clickByText(settings, "button", "読み込む");
    const preview = await previewText(settings);
    expect(preview).toContain("ファイルの形式: Aegis（暗号化）");
    expect(preview).toContain("追加するアカウント: 2 件");
    expect(preview).toContain("1 件目: Epsilon Card / erin@example.jp");
    expect(preview).toContain("2 件目: Foxtrot / frank (HOTP)");
    expect(preview).toContain("3 件目: Steam / gamer — この種類（steam）には対応していません");
    expect(preview).toContain(`4 件目: Alpha Bank / ${alpha.label} — 登録済みです`);
    await (await settings.$("#import"))?.screenshot({ path: path.join(shots, "aegis-preview.ja.png") });
    await clickByText(settings, "button", "取り込む");
    await waitForText(settings, "2 件のアカウントを追加しました。");
    await settings.close();
    const popup = await openPopupTab(launched.browser, id);
    await waitForText(popup, "Foxtrot");
    const labels = await popup.$$eval(".account .label", (els) => els.map((el) => el.textContent));
    expect(labels).toEqual(expect.arrayContaining(["erin@example.jp", "frank"]));
    const stored = await storageLocalText(launched.browser, id);
    for (const text of ["Epsilon Card", "erin@example.jp", "GEZDGNBVGY3TQOJQ"])
      expect(stored).not.toContain(text);
    await popup.close();
  });

  it("imports an encrypted andOTP backup (a binary file) after its password", async () => {
    const file = path.join(tmp, "otp_accounts.json.aes");
    const entries = [{ secret: "ONSWG4TFOQYTEMZUONSWG4TFOQYTEMZU", label: "Hotel - henry" }];
    writeFileSync(file, andOtpEncrypted(entries, "andotp-pw", 150_000));
    const settings = await openSettings();
    await chooseFile(settings, file);
    await waitForText(settings, "andOTP のバックアップのパスワード");
    await settings.type("#import-password", "andotp-pw");
    await clickByText(settings, "button", "読み込む");
    const preview = await previewText(settings);
    expect(preview).toContain("ファイルの形式: andOTP（暗号化）");
    expect(preview).toContain("1 件目: Hotel / henry");
    await clickByText(settings, "button", "取り込む");
    await waitForText(settings, "1 件のアカウントを追加しました。");
    await settings.close();
    // Seven accounts now, one more than the popup's first screenful: it opens on the first six with the
    // worker's codes, then shows the whole list, in the member's order.
    const popup = await openPopupTab(launched.browser, id);
    await waitForText(popup, "henry");
    const labels = await popup.$$eval(".account .label", (els) => els.map((el) => el.textContent));
    expect(labels).toEqual([alpha.label, beta.label, "carol", "dave", "erin@example.jp", "frank", "henry"]);
    const first = await popup.$eval(".account [data-code]", (el) => el.getAttribute("data-code"));
    expect(validCodes(alpha.secret)).toContain(first);
    await popup.close();
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
