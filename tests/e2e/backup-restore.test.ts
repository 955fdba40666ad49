// Backup and restore with the built extension on the real portal, for the Chrome build (ja) and the Edge build
// (en): a member enrols KOSMO Web's TOTP with 画面のQRコードを読み取る; the next popup reminds them once, with a
// button to each of バックアップを作成 and リカバリーシートを印刷; they save an encrypted backup and open the recovery
// sheet; then the extension is wiped (a new browser profile: a reinstall), the backup is imported with the master
// password it was made with, and the restored account — still bound to the portal — signs the member in.
// These runs take the member guide's バックアップと復元 screenshots and write member-guide.{ja,en}.md like
// extension-portal.test.ts (support/guide-output.ts: test-output/guide/, or the committed places under
// `npm run guide`).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKUP_GUIDE_SHOTS } from "../../extension/ui/guide-outline";
import type { LaunchedBrowser } from "./support/browser";
import {
  clickByText,
  createVaultInPopup,
  MASTER_PASSWORD,
  openActionPopup,
  otpValue,
  storageLocalText,
  validCodes,
  waitForNextStep,
  waitForText,
} from "./support/extension";
import { GuideRun } from "./support/guide-run";
import { guideFile } from "./support/guide-shots";
import { installExtension, openTotpSetup, POPUP_WORDS } from "./support/installed-extension";
import { startTestPortal } from "./support/portal";
import { memberAfterFirstLogin, pathOf, signInWithPassword, signOut } from "./support/second-factor";
import { shared } from "./support/shared";

const NEW_MASTER_PASSWORD = "new-pc-password-2027";
const runs = [
  {
    build: "chrome",
    lang: "ja",
    ...POPUP_WORDS.ja,
    reminder: "前回のバックアップの後にアカウントが変わりました。",
    backupNow: "バックアップを作成",
    printSheet: "リカバリーシートを印刷",
    saveBackup: "暗号化したバックアップを保存",
    wrongPassword: "パスワードが違います。",
    importConfirm: "取り込む",
    restored: "1 件のアカウントを追加しました。",
  },
  {
    build: "edge",
    lang: "en",
    ...POPUP_WORDS.en,
    reminder: "Your accounts changed since your last backup.",
    backupNow: "Make a backup",
    printSheet: "Print a recovery sheet",
    saveBackup: "Save encrypted backup",
    wrongPassword: "Wrong password.",
    importConfirm: "Import",
    restored: "Accounts added: 1.",
  },
] as const;

const portal = shared(startTestPortal);

/** The file the browser saved into `dir` (a finished download, not a .crdownload). */
async function downloadedFile(dir: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const done = readdirSync(dir).filter((name) => !name.endsWith(".crdownload"));
    if (done[0]) return path.join(dir, done[0]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("no download");
}

describe.each(runs)("backup and restore on the real portal, $build build ($lang)", (run) => {
  const userId = `ext-backup-${run.build}`;
  const downloads = mkdtempSync(path.join(tmpdir(), "kosmo-downloads-"));
  const guide = new GuideRun(run.lang);
  let launched: LaunchedBrowser;
  let id: string;
  let secret = "";
  let usedCode = "";
  let backupFile = "";

  beforeAll(async () => {
    ({ launched, id } = await installExtension(run.build, run.lang));
    const session = await launched.browser.target().createCDPSession();
    await session.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
    await createVaultInPopup(launched.browser, id, MASTER_PASSWORD);
    await memberAfterFirstLogin(portal, { userId, method: "totp", email: `${userId}@example.jp` });
  });

  afterAll(async () => {
    await launched?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it("after the account is added the popup says so once, with a button to the backup and to the sheet", async () => {
    const { page, secret: shown } = await openTotpSetup(launched.browser, portal, userId, run.lang);
    secret = shown;
    let popup = await openActionPopup(launched.browser, page, id);
    expect(await popup.$(".reminder")).toBeNull(); // nothing added yet
    await clickByText(popup, ".bar-button", run.add);
    await clickByText(popup, ".method", run.scan);
    await waitForText(popup, run.added);
    await clickByText(popup, "button", run.fill);
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    usedCode = await otpValue(page);
    await popup.close();
    await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]); // 実行
    expect(pathOf(page)).toBe("/");

    popup = await openActionPopup(launched.browser, page, id);
    await popup.waitForSelector(".reminder");
    const reminder = await popup.$eval(".reminder", (el) => el.textContent ?? "");
    expect(reminder).toContain(run.reminder);
    expect(reminder).toContain(run.backupNow);
    expect(reminder).toContain(run.printSheet);
    await guide.capturePopup("popup-reminder", page, popup);
    // Each button opens its part of the settings page. A new tab closes the action popup, so both are pressed
    // in one go.
    const sections = ["#backup", "#recovery-sheet"].map((hash) =>
      launched.browser.waitForTarget((t) => t.url() === `chrome-extension://${id}/options.html${hash}`),
    );
    await popup
      .evaluate(
        (labels) => {
          const buttons = [...document.querySelectorAll<HTMLButtonElement>(".reminder button")];
          for (const label of labels) buttons.find((b) => b.textContent === label)?.click();
        },
        [run.backupNow, run.printSheet],
      )
      .catch(() => {}); // the popup may close before the answer comes back; the tabs below prove the clicks
    for (const target of await Promise.all(sections)) await (await target.asPage())?.close();

    popup = await openActionPopup(launched.browser, page, id);
    await popup.waitForSelector(".account");
    expect(await popup.$(".reminder")).toBeNull(); // said once
    await popup.close();
    await signOut(page);
    await page.close();
  });

  it("saves an encrypted backup and opens the recovery sheet after the master password is typed again", async () => {
    const settings = await launched.browser.newPage();
    await settings.setViewport({ width: 900, height: 800 });
    await settings.goto(`chrome-extension://${id}/options.html#backup`);
    await clickByText(settings, "#backup button", run.saveBackup);
    backupFile = await downloadedFile(downloads);
    expect(backupFile).toMatch(/kosmo-authenticator-\d{4}-\d{2}-\d{2}\.json$/);

    const opened = launched.browser.waitForTarget(
      (t) => t.url() === `chrome-extension://${id}/recovery-sheet.html`,
    );
    await settings.type("#sheet-password", MASTER_PASSWORD);
    await settings.click("#recovery-sheet button[type=submit]");
    const sheet = (await (await opened).asPage()) as Page;
    await sheet.setViewport({ width: 900, height: 800 });
    await sheet.waitForSelector(".sheet-account");
    const key = await sheet.$eval(".sheet-key dd", (el) => el.textContent ?? "");
    expect(key.replace(/ /g, "")).toBe(secret);
    expect(await sheet.$eval(".sheet-account", (el) => el.textContent)).toContain(portal.origin);
    await (await sheet.$("main"))?.screenshot({ path: guideFile("recovery-sheet", run.lang) });
    await sheet.close();
    await settings.close();
  });

  it("after a wipe (a new profile) the backup is imported and the restored account signs the member in", async () => {
    await guide.writeComposites(launched.browser);
    await launched.close();
    ({ launched, id } = await installExtension(run.build, run.lang));
    expect(await storageLocalText(launched.browser, id)).toBe("{}"); // nothing left of the old installation
    await createVaultInPopup(launched.browser, id, NEW_MASTER_PASSWORD);

    const settings = await launched.browser.newPage();
    await settings.setViewport({ width: 900, height: 800 });
    await settings.goto(`chrome-extension://${id}/options.html`);
    await (await settings.waitForSelector("input#import-file"))?.uploadFile(backupFile);
    await settings.waitForSelector("#import-password");
    await settings.type("#import-password", NEW_MASTER_PASSWORD); // the new PC's password does not open it
    await settings.click("#import form button[type=submit]");
    await waitForText(settings, run.wrongPassword);
    await settings.$eval("#import-password", (el) => {
      (el as HTMLInputElement).value = "";
    });
    await settings.type("#import-password", MASTER_PASSWORD);
    await settings.click("#import form button[type=submit]");
    await settings.waitForSelector(".import-preview"); // what will be added, before anything is written
    await clickByText(settings, "#import button", run.importConfirm);
    await settings.waitForSelector(".import-summary");
    expect(await settings.$eval(".import-summary", (el) => el.textContent)).toContain(run.restored);
    const section = await settings.$("#import");
    await section?.screenshot({ path: guideFile("settings-restored", run.lang) });
    await settings.close();

    const page = await launched.browser.newPage();
    await page.setExtraHTTPHeaders({ "Accept-Language": run.lang });
    await waitForNextStep(secret, usedCode);
    await signInWithPassword(page, portal.origin, userId);
    expect(pathOf(page)).toBe("/login/second-factor");
    const popup = await openActionPopup(launched.browser, page, id);
    await (await popup.waitForSelector(".account.bound .fill-button"))?.click(); // still bound to the portal
    await page.waitForFunction(() => (document.getElementById("otp") as HTMLInputElement).value.length === 6);
    expect(validCodes(secret)).toContain(await otpValue(page));
    await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]);
    expect(pathOf(page)).toBe("/");
    await page.close();
  });

  it("writes the member guide with this run's バックアップと復元 screenshots", () => {
    expect(guide.expectWritten(BACKUP_GUIDE_SHOTS)).toContain(run.printSheet);
  });
});
