// Manual 2-6: OTP by mail through the dev mail catcher, with JavaScript off. Sign in, read the mail
// 【KOSMOWeb】ワンタイムパスワードのお知らせ, a wrong code, 再送信 (refused within 60 s, then the SAME code again),
// the right code, top page; the used code does not work for the next sign-in attempt.
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { startTestPortal } from "./support/portal";
import { screenshotDir } from "./support/screenshots";
import {
  memberAfterFirstLogin,
  newPlainPage,
  pathOf,
  signInWithPassword,
  signOut,
} from "./support/second-factor";
import { shared } from "./support/shared";

const SHOTS = screenshotDir("second-factors");
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const portal = shared(() => startTestPortal({ clock }));
const launched = shared(() => launchBrowser({ lang: "ja" }));

function codeIn(text: string): string {
  const match = /(?:ワンタイムパスワード|One-time password): (\d{6})/.exec(text);
  if (!match) throw new Error("no code in the mail");
  return match[1]!;
}

async function submitCode(page: Page, code: string): Promise<void> {
  await page.type("#otp", code);
  await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]);
}

const alertText = (page: Page, kind: "error" | "info") =>
  page.$eval(`.alert-${kind}`, (a) => a.textContent?.trim() ?? "");

describe("2-6 OTP by mail", () => {
  it("mails a code, resends the same live code after the cooldown, and signs in", async () => {
    const email = "mail-user@example.jp";
    const member = await memberAfterFirstLogin(portal, { userId: "mail-user", method: "mail", email });
    const page = await newPlainPage(launched.browser);

    const before = new Date();
    await signInWithPassword(page, portal.origin, member.user_id);
    expect(pathOf(page)).toBe("/login/second-factor/mail");
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("ワンタイムパスワード (OTP) メール認証");
    const screen = await page.$eval("main", (m) => m.textContent ?? "");
    expect(screen).toContain("受信したワンタイムパスワードを入力してください");
    expect(screen).toContain("最も安全性の低い認証方法");
    expect(await page.$eval("#mail-otp-resend", (b) => b.textContent)).toBe("再送信");
    await page.screenshot({ path: `${SHOTS}/mail-otp.png`, fullPage: true });

    const first = await portal.latestMailTo(email, { after: before });
    expect(first.subject).toBe("【KOSMOWeb】ワンタイムパスワードのお知らせ");
    expect(first.from).toContain("no-reply@");
    const code = codeIn(first.text);

    // A wrong code: refused, nothing else changes.
    await submitCode(page, String((Number(code) + 1) % 1_000_000).padStart(6, "0"));
    expect(await alertText(page, "error")).toContain("ワンタイムパスワードが正しくありません");

    // 再送信 at once: refused (60 s cooldown), no new mail.
    await Promise.all([page.waitForNavigation(), page.click("#mail-otp-resend")]);
    expect(await alertText(page, "error")).toMatch(/再送信は\d+秒後から行えます/);
    expect(pathOf(page)).toBe("/login/second-factor/mail"); // redirected: a reload does not post again
    expect(portal.portal.mail?.messages().filter((m) => m.to.includes(email))).toHaveLength(1);

    // 61 s later: the same live code is mailed again.
    offsetMs += 61_000;
    const beforeResend = new Date();
    await Promise.all([page.waitForNavigation(), page.click("#mail-otp-resend")]);
    expect(await alertText(page, "info")).toBe("ワンタイムパスワードを再送信しました。");
    const second = await portal.latestMailTo(email, { after: beforeResend });
    expect(second.id).not.toBe(first.id);
    expect(codeIn(second.text)).toBe(code);
    await page.reload(); // the page after 再送信 was reached by a redirect: reloading it mails nothing
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(portal.portal.mail?.messages().filter((m) => m.to.includes(email))).toHaveLength(2);
    await page.screenshot({ path: `${SHOTS}/mail-otp-resent.png`, fullPage: true });

    await submitCode(page, code);
    expect(pathOf(page)).toBe("/");
    expect(await page.$eval(".services", (s) => s.textContent)).toContain("医療費情報");

    // The next sign-in is a new attempt: the old code does not work, a new one was mailed.
    await signOut(page);
    const beforeNext = new Date();
    await signInWithPassword(page, portal.origin, member.user_id);
    const next = await portal.latestMailTo(email, { after: beforeNext });
    await submitCode(page, code === codeIn(next.text) ? "000000" : code);
    expect(pathOf(page)).toBe("/login/second-factor/mail");
    await submitCode(page, codeIn(next.text));
    expect(pathOf(page)).toBe("/");
    await page.browserContext().close();
  });

  it("stops accepting a code after five wrong tries", async () => {
    const email = "tries@example.jp";
    const member = await memberAfterFirstLogin(portal, { userId: "tries-user", method: "mail", email });
    const page = await newPlainPage(launched.browser);
    const before = new Date();
    await signInWithPassword(page, portal.origin, member.user_id);
    const code = codeIn((await portal.latestMailTo(email, { after: before })).text);
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) await submitCode(page, wrong);
    expect(await alertText(page, "error")).toContain("有効期限が切れたか、入力回数の上限に達しました");
    await submitCode(page, code);
    expect(pathOf(page)).toBe("/login/second-factor/mail");
    await page.browserContext().close();
  });
});
