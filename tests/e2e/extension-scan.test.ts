// The built extension (Chrome and Edge builds) against a local fixture site that shows a TOTP QR code:
// master password, 画面のQRコードを読み取る + 入力, 範囲を選択して読み取る with a mouse drag, 画像ファイルから読み取る.
// After each add, storage.local must hold no secret, label or issuer in plaintext. (The member guide's
// screenshots come from the real portal: extension-portal.test.ts.)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "./support/browser";
import {
  BUILDS,
  clickByText,
  closeInstallGuide,
  createVaultInPopup,
  dragAround,
  expectBrowserLanguage,
  extensionIdOf,
  type FixtureAccount,
  fixtureAccount,
  openActionPopup,
  openPopupTab,
  qrPng,
  startFixtureSite,
  storageLocalText,
  validCodes,
  waitForText,
} from "./support/extension";

const PASSWORD = "sakura-tokyo-2026";

const runs = [
  { build: "chrome", lang: "ja", added: "追加されました。", add: "追加", fill: "このページに入力" },
  { build: "edge", lang: "en", added: "Added.", add: "Add", fill: "Fill into this page" },
] as const;
const JA = { up: "上へ", edit: "名前を編集", save: "保存", delete: "削除", undo: "元に戻す", lock: "ロック" };
const EN = { up: "Move up", edit: "Edit names", save: "Save", delete: "Delete", undo: "Undo", lock: "Lock" };
const METHOD_NAMES = {
  ja: ["画面のQRコードを読み取る", "範囲を選択して読み取る", "画像ファイルから読み取る", "キーを手入力"],
  en: [
    "Scan the QR code on the screen",
    "Select an area to scan",
    "Scan from an image file",
    "Enter the key manually",
  ],
};

function expectNoPlaintext(stored: string, account: FixtureAccount): void {
  expect(stored).toContain('"vault"');
  for (const text of [account.secret, account.label, account.issuer]) expect(stored).not.toContain(text);
}

describe.each(runs)("extension $build build ($lang)", (run) => {
  let launched: LaunchedBrowser;
  let site: Awaited<ReturnType<typeof startFixtureSite>>;
  let id: string;
  const scanned = fixtureAccount("Fixture Bank", `hanako-${run.build}@example.jp`);
  const dragged = fixtureAccount("Region Service", `region-${run.build}@example.jp`);
  const fromFile = fixtureAccount("Image Service", `image-${run.build}@example.jp`);
  const tmp = mkdtempSync(path.join(tmpdir(), "kosmo-e2e-"));

  beforeAll(async () => {
    site = await startFixtureSite([scanned, dragged]);
    launched = await launchBrowser({ extensions: [BUILDS[run.build]], lang: run.lang });
    id = extensionIdOf(launched.extensionIds, BUILDS[run.build]);
  });

  afterAll(async () => {
    await launched?.close();
    await site?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("opens the guide on install and creates the vault with a master password", async () => {
    await closeInstallGuide(launched.browser, id); // waits for the guide tab: it must open on install
    await expectBrowserLanguage(launched.browser, id, run.lang);
    await createVaultInPopup(launched.browser, id, PASSWORD);
    expect(await storageLocalText(launched.browser, id)).toContain('"argon2id"');
  });

  it(`adds via ${METHOD_NAMES[run.lang][0]}, shows the right code and fills it into the page`, async () => {
    const page = await launched.browser.newPage();
    await page.goto(`${site.url}/enroll/0`);
    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, ".bar-button", run.add);
    for (const name of METHOD_NAMES[run.lang]) await waitForText(popup, name);
    await clickByText(popup, ".method", METHOD_NAMES[run.lang][0] as string);
    await waitForText(popup, run.added);
    const code = await popup.$eval(".added-card [data-code]", (el) => el.getAttribute("data-code"));
    expect(validCodes(scanned.secret)).toContain(code);
    // Keyboard focus follows the view to 追加されました。, and the live region has said it.
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe("added-title");
    expect(await popup.$eval(".visually-hidden[role=status]", (el) => el.textContent)).toContain(run.added);
    expectNoPlaintext(await storageLocalText(launched.browser, id), scanned);

    await clickByText(popup, "button", run.fill);
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    const filled = await page.$eval("#otp", (el) => (el as HTMLInputElement).value);
    expect(validCodes(scanned.secret)).toContain(filled);
    await popup.close();
    await page.close();
  });

  it(`adds via ${METHOD_NAMES[run.lang][1]} with a mouse drag over the QR code`, async () => {
    const page = await launched.browser.newPage();
    await page.goto(`${site.url}/enroll/1`);
    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, ".bar-button", run.add);
    const closed = new Promise((resolve) => popup.once("close", resolve));
    await clickByText(popup, ".method", METHOD_NAMES[run.lang][1] as string);
    await closed;
    await dragAround(page, "#qr");
    const before = await storageLocalText(launched.browser, id);
    await page.mouse.up();
    // The service worker captures the page after the overlay is gone: keep the page in front until the vault
    // has been rewritten (opening another tab earlier would change what is captured).
    await expect.poll(() => storageLocalText(launched.browser, id), { timeout: 15_000 }).not.toBe(before);

    const list = await openPopupTab(launched.browser, id);
    await waitForText(list, dragged.label);
    const codes = await list.$$eval("[data-code]", (els) => els.map((el) => el.getAttribute("data-code")));
    expect(codes.some((c) => validCodes(dragged.secret).includes(c ?? ""))).toBe(true);
    expectNoPlaintext(await storageLocalText(launched.browser, id), dragged);
    await list.close();
    await page.close();
  });

  it(`adds via ${METHOD_NAMES[run.lang][2]}`, async () => {
    const file = path.join(tmp, "qr.png");
    writeFileSync(file, await qrPng(fromFile.uri));
    const popup = await openPopupTab(launched.browser, id);
    await clickByText(popup, ".bar-button", run.add);
    const input = await popup.waitForSelector("input[type=file]");
    await input?.uploadFile(file);
    await waitForText(popup, run.added);
    const code = await popup.$eval(".added-card [data-code]", (el) => el.getAttribute("data-code"));
    expect(validCodes(fromFile.secret)).toContain(code);
    expectNoPlaintext(await storageLocalText(launched.browser, id), fromFile);

    await popup.close();

    // The list as the member sees it on the site: its account first, marked, with 入力.
    const page = await launched.browser.newPage();
    await page.goto(`${site.url}/enroll/0`);
    const overSite = await openActionPopup(launched.browser, page, id);
    await overSite.waitForSelector(".account.bound .fill-button");
    expect(await overSite.$eval(".account", (el) => el.textContent)).toContain(scanned.label);
    await page.close();
  });

  it("asks before filling on another origin, naming the site the account belongs to", async () => {
    const elsewhere = site.url.replace("127.0.0.1", "localhost"); // same server, another origin
    const page = await launched.browser.newPage();
    await page.goto(`${elsewhere}/enroll/0`);
    const popup = await openActionPopup(launched.browser, page, id);
    expect(await popup.$(".account.bound")).toBeNull(); // nothing is bound to this origin
    await popup.waitForSelector(".account .fill-button");
    await popup.evaluate((label) => {
      const item = [...document.querySelectorAll(".account")].find((el) => el.textContent?.includes(label));
      item?.querySelector<HTMLButtonElement>(".fill-button")?.click();
    }, scanned.label);
    await popup.waitForSelector("[role=alertdialog]");
    const cancel = run.lang === "ja" ? "キャンセル" : "Cancel";
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe(cancel); // the safe choice
    const text = await popup.$eval("[role=alertdialog]", (el) => el.textContent ?? "");
    expect(text).toContain(site.url);
    expect(text).toContain(elsewhere);
    await clickByText(popup, "[role=alertdialog] button", cancel);
    expect(await page.$eval("#otp", (el) => (el as HTMLInputElement).value)).toBe("");
    await popup.close();
    await page.close();
  });

  it("edits, reorders, deletes with undo, locks, and refuses a wrong master password", async () => {
    const popup = await openPopupTab(launched.browser, id);
    await popup.waitForSelector(".account");
    const labels = () => popup.$$eval(".account .label", (els) => els.map((el) => el.textContent));
    const first = await labels();
    const menuOf = async (label: string, action: string) => {
      await popup.evaluate((wanted) => {
        const item = [...document.querySelectorAll(".account")].find((el) =>
          el.textContent?.includes(wanted),
        );
        item?.querySelector<HTMLButtonElement>(".icon-button")?.click();
      }, label);
      await clickByText(popup, ".account-menu button", action);
    };
    const t = run.lang === "ja" ? JA : EN;

    await menuOf(first[1] as string, t.up);
    await popup.waitForFunction(
      (was) => document.querySelector(".account .label")?.textContent !== was,
      {},
      first[0],
    );
    expect(await labels()).toEqual([first[1], first[0], ...first.slice(2)]);

    await menuOf(fromFile.label, t.edit);
    await popup.waitForSelector("#edit-issuer");
    await popup.$eval("#edit-issuer", (el) => {
      (el as HTMLInputElement).value = "";
    });
    await popup.type("#edit-issuer", "Renamed Service");
    await clickByText(popup, "button[type=submit]", t.save);
    await waitForText(popup, "Renamed Service");

    await menuOf(fromFile.label, t.delete);
    await popup.waitForSelector(".toast");
    await popup.waitForFunction(
      (label) => !document.querySelector(".accounts")?.textContent?.includes(label),
      {},
      fromFile.label,
    );
    await clickByText(popup, ".toast button", t.undo);
    await waitForText(popup, fromFile.label);
    expect(await labels()).toHaveLength(first.length);

    await clickByText(popup, ".bar-button", t.lock);
    await popup.waitForSelector("#password");
    const before = await storageLocalText(launched.browser, id);
    await popup.type("#password", "not-the-password");
    await popup.click("button[type=submit]");
    await popup.waitForSelector(".error");
    expect(await storageLocalText(launched.browser, id)).toBe(before);
    await popup.type("#password", PASSWORD);
    await popup.click("button[type=submit]");
    await popup.waitForSelector(".account");
    await popup.close();
  });
});
