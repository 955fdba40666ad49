// セキュリティ設定 in headless Chromium with JavaScript off: add a second OTP device with
// 全てのデバイスからサインアウトする (another browser context is signed out), sign out one session and all others,
// rename after the 5-minute re-authentication, remove, and the last factor protected.
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { startTestPortal } from "./support/portal";
import { screenshotDir } from "./support/screenshots";
import {
  memberAfterFirstLogin,
  newPlainPage,
  PASSWORD,
  pathOf,
  signInWithPassword,
  totpCode,
} from "./support/second-factor";
import { shared } from "./support/shared";

const SHOTS = screenshotDir("second-factors");
let nowMs = Date.UTC(2026, 10, 25, 13, 0, 5);
const clock = () => new Date(nowMs);

const portal = shared(() => startTestPortal({ clock }));
const launched = shared(() => launchBrowser({ lang: "ja" }));

async function click(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** On a set-up screen: the key behind スキャンできませんか?, then code, name, optional sign-out, 実行. */
async function enrolTotp(page: Page, name: string, signOutOthers = false): Promise<string> {
  await page.click("details.manual-key summary");
  const secret = (await page.$eval("#totp-key", (k) => k.textContent ?? "")).replace(/ /g, "");
  await page.type("#otp", totpCode(secret, clock()));
  await page.type("#device-name", name);
  if (signOutOthers) await page.click("#sign-out-others");
  await click(page, "#totp-setup-form button.button-primary");
  return secret;
}

async function signInWithCode(page: Page, userId: string, secret: string, steps: number): Promise<void> {
  await signInWithPassword(page, portal.origin, userId);
  await page.type("#otp", totpCode(secret, clock(), steps));
  await click(page, "main button.button-primary");
}

describe("security page", () => {
  it("manages factors and sessions", async () => {
    const email = "security@example.jp";
    const member = await memberAfterFirstLogin(portal, { userId: "sec-user", method: "totp", email });
    const a = await newPlainPage(launched.browser);
    await signInWithPassword(a, portal.origin, member.user_id);
    const phone = await enrolTotp(a, "スマホ");
    expect(pathOf(a)).toBe("/");

    const b = await newPlainPage(launched.browser);
    await signInWithCode(b, member.user_id, phone, 1);
    expect(pathOf(b)).toBe("/");

    // A: the security page lists the device; add a second one and sign out everywhere else.
    await click(a, "a[href='/security']");
    expect(await a.$eval("h1", (h) => h.textContent)).toBe("セキュリティ設定");
    expect(
      await a.$$eval(".factor-totp tbody tr", (rows) => rows.map((r) => r.getAttribute("data-factor-name"))),
    ).toEqual(["スマホ"]);
    const beforeAdd = new Date();
    await click(a, "a[href='/security/totp/new']");
    expect(pathOf(a)).toBe("/security/totp/new");
    const extension = await enrolTotp(a, "拡張機能", true);
    expect(pathOf(a)).toBe("/security");
    expect(await a.$eval(".alert-success", (x) => x.textContent)).toBe("認証手段を追加しました。");
    const notice = await portal.latestMailTo(email, { after: beforeAdd });
    expect(notice.subject).toBe("【KOSMOWeb】セキュリティ設定変更のお知らせ");
    expect(notice.text).toContain("認証手段「拡張機能」を追加しました");

    // 全てのデバイスからサインアウトする ended B's session.
    await b.goto(`${portal.origin}/`);
    expect(pathOf(b)).toBe("/login");

    // C signs in with the second device; ログアウトさせる on its row ends it.
    const c = await newPlainPage(launched.browser);
    await signInWithCode(c, member.user_id, extension, 1);
    expect(pathOf(c)).toBe("/");
    await a.reload();
    expect(await a.$$eval(".session-table tbody tr", (rows) => rows.length)).toBe(2);
    await click(a, ".session-table form[action^='/security/sessions/'] button");
    expect(await a.$$eval(".session-table tbody tr", (rows) => rows.length)).toBe(1);
    await c.goto(`${portal.origin}/`);
    expect(pathOf(c)).toBe("/login");

    // D signs in half a minute later; 他の全てのセッションからログアウト ends it too.
    nowMs += 30_000;
    const d = await newPlainPage(launched.browser);
    await signInWithCode(d, member.user_id, phone, 1);
    expect(pathOf(d)).toBe("/");
    await a.reload();
    await click(a, "#end-other-sessions");
    expect(await a.$eval(".alert-success", (x) => x.textContent)).toBe(
      "他のセッションをログアウトしました。",
    );
    expect(await a.$$eval(".session-table tbody tr", (rows) => rows.length)).toBe(1);
    await d.goto(`${portal.origin}/`);
    expect(pathOf(d)).toBe("/login");

    // Six minutes later, renaming asks for the password again first.
    nowMs += 6 * 60_000;
    // By name: the test clock stands still, so both were created at the same instant, and which of two equal
    // created_at comes first is SQLite's insertion order but not PostgreSQL's.
    const devices = await portal.portal.db.selectFrom("totp_devices").selectAll().execute();
    const phoneDevice = devices.find((device) => device.name === "スマホ");
    const extensionDevice = devices.find((device) => device.name === "拡張機能");
    await click(a, `form[action='/security/factors/totp/${phoneDevice!.id}/rename'] button`);
    expect(pathOf(a)).toBe("/security/reauth");
    expect(await a.$eval("h1", (h) => h.textContent)).toBe("パスワードの再入力");
    await a.type("#reauth-password", PASSWORD);
    await click(a, "main button.button-primary");
    expect(pathOf(a)).toBe("/security");
    const nameInput = `#name-${phoneDevice!.id}`;
    await a.$eval(nameInput, (input) => {
      (input as HTMLInputElement).value = "";
    });
    await a.type(nameInput, "仕事用スマホ");
    await click(a, `form[action='/security/factors/totp/${phoneDevice!.id}/rename'] button`);
    expect(await a.$eval(".alert-success", (x) => x.textContent)).toBe("変更を保存しました。");
    expect(await a.$eval(nameInput, (input) => (input as HTMLInputElement).value)).toBe("仕事用スマホ");
    await a.screenshot({ path: `${SHOTS}/security-page.png`, fullPage: true });

    // Remove one device; the last one is protected.
    await click(a, `form[action='/security/factors/totp/${phoneDevice!.id}/remove'] button`);
    expect(await a.$eval(".alert-success", (x) => x.textContent)).toBe("削除しました。");
    await click(a, `form[action='/security/factors/totp/${extensionDevice!.id}/remove'] button`);
    expect(await a.$eval(".alert-error", (x) => x.textContent)).toBe(
      "最後の認証手段は削除できません。先に別の認証手段を追加してください。",
    );
    expect(
      await a.$$eval(".factor-totp tbody tr", (rows) => rows.map((r) => r.getAttribute("data-factor-name"))),
    ).toEqual(["拡張機能"]);

    // Switch the verification method to the confirmed mail address.
    await a.select("#method-select", "mail");
    await click(a, "form[action='/security/method'] button");
    expect(await a.$eval(".alert-success", (x) => x.textContent)).toBe("変更を保存しました。");
    expect((await portal.member(member.user_id))?.auth_method).toBe("mail");

    // Change the password: the current one is checked, then a notice is mailed.
    const newPassword = "a brand new passphrase 2026";
    const changePassword = async (current: string, next = newPassword) => {
      await a.type("#current-password", current);
      await a.type("#new-password", next);
      await a.type("#confirm-password", next);
      await click(a, "form[action='/security/password'] button");
    };
    await changePassword("not my password at all");
    expect(await a.$eval("#password-title + .alert-error", (x) => x.textContent)).toBe(
      "現在のパスワードが正しくありません。",
    );
    await changePassword(PASSWORD, PASSWORD);
    expect(await a.$eval("#password-title + .alert-error", (x) => x.textContent)).toBe(
      "現在のパスワードと同じパスワードは使用できません。",
    );
    const beforePassword = new Date();
    await changePassword(PASSWORD);
    expect(await a.$eval(".alert-success", (x) => x.textContent)).toBe("パスワードを変更しました。");
    expect((await portal.latestMailTo(email, { after: beforePassword })).text).toContain(
      "パスワードを変更しました",
    );

    // The event log shows what happened, newest first.
    const events = await a.$$eval(".event-table tbody td:nth-child(2)", (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(events).toEqual(
      expect.arrayContaining([
        "認証手段の追加",
        "認証手段の削除",
        "認証手段の名前変更",
        "他のセッションをログアウト",
        "ログイン",
      ]),
    );
    await a.screenshot({ path: `${SHOTS}/security-page-after.png`, fullPage: true });
    for (const page of [a, b, c, d]) await page.browserContext().close();
  });
});
