// Manual section 1, walked in headless Chromium with JavaScript off (the forms must work without it) and
// the real mail catcher: sign in, birth date (a wrong one first), terms, e-mail, the mailed link opened in
// another browser context, refresh, method (each of the three), new password, complete, ログアウト.
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { linkIn, startTestPortal } from "./support/portal";
import { screenshotDir } from "./support/screenshots";
import { shared } from "./support/shared";

const SHOTS = screenshotDir("first-login");
const portal = shared(startTestPortal);
const launched = shared(() => launchBrowser({ lang: "ja" }));

async function newPage(): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await launched.browser.createBrowserContext();
  const page = await context.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setExtraHTTPHeaders({ "Accept-Language": "ja" });
  return { page, close: () => context.close() };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent?.trim() ?? "");
const path = (page: Page) => new URL(page.url()).pathname;

async function submit(page: Page, selector = "main button[type=submit]"): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** Every visible input has a visible <label for=…>. */
async function expectLabelledInputs(page: Page): Promise<void> {
  const unlabelled = await page.$$eval("input:not([type=hidden]):not([hidden])", (inputs) =>
    inputs
      .filter((input) => {
        const label = input.id ? document.querySelector(`label[for="${input.id}"]`) : null;
        return !label || (label as HTMLElement).offsetParent === null;
      })
      .map((input) => (input as HTMLInputElement).name),
  );
  expect(unlabelled).toEqual([]);
}

async function signIn(page: Page, userId: string, password: string): Promise<void> {
  await page.goto(`${portal.origin}/login`);
  await page.type("#user-id", userId);
  await page.type("#password", password);
  await submit(page);
}

async function setDate(page: Page, selector: string, value: string): Promise<void> {
  await page.$eval(
    selector,
    (el, v) => {
      (el as HTMLInputElement).value = v;
    },
    value,
  );
}

const methods = [
  { method: "passkey", label: "生体認証" },
  { method: "totp", label: "ワンタイムパスワード認証（アプリ）" },
  { method: "mail", label: "ワンタイムパスワード認証（メール）" },
] as const;

describe("manual section 1: first login", () => {
  for (const [index, { method, label }] of methods.entries()) {
    it(`walks every screen and chooses ${label}`, async () => {
      const userId = `first-login-${method}`; // ≥ 12 characters, so "same as the user ID" is what fails
      const email = `${method}@example.jp`;
      const initial = `initial-${method}-pw`;
      const newPassword = `新しい パスワード ${method} 2026`;
      await portal.addMember({ userId, password: initial, birthDate: "1985-07-15", name: "健保 花子" });
      const { page, close } = await newPage();
      const first = index === 0;
      try {
        // [2] sign-in page with the manual's wording
        await page.goto(`${portal.origin}/login`);
        if (first) {
          await shot(page, "01-login");
          const body = await text(page, "main");
          for (const word of [
            "ユーザID",
            "パスワード",
            "ログイン状態の保存",
            "パスワードを忘れた方はこちら",
            "ユーザIDを忘れた方はこちら",
          ]) {
            expect(body).toContain(word);
          }
          expect(await text(page, "main button[type=submit]")).toBe("ログイン");
          await expectLabelledInputs(page);
        }
        await signIn(page, userId, initial);

        // [3] birth date: a wrong one first
        expect(path(page)).toBe("/first-login/birth-date");
        expect(await text(page, "label[for=birth-date]")).toBe("生年月日");
        expect(await page.$eval("#birth-date", (el) => (el as HTMLInputElement).type)).toBe("date");
        await setDate(page, "#birth-date", "1985-07-16");
        await submit(page);
        expect(path(page)).toBe("/first-login/birth-date");
        expect(await text(page, ".field-error")).toBe("生年月日が登録情報と一致しません。");
        if (first) await shot(page, "02-birth-date-wrong");
        await setDate(page, "#birth-date", "1985-07-15");
        await submit(page);

        // [4] terms: 同意する
        expect(path(page)).toBe("/first-login/terms");
        if (first) await shot(page, "03-terms");
        await submit(page, "form:has(input[value=agree]) button");

        // [5] e-mail address
        expect(path(page)).toBe("/first-login/email");
        if (first) {
          await shot(page, "04-email");
          await expectLabelledInputs(page);
        }
        await page.type("#email", "member@localhost"); // the browser accepts it; the server wants a domain
        await submit(page);
        expect(await text(page, ".field-error")).toBe("メールアドレスを正しく入力してください。");
        await page.$eval("#email", (el) => {
          (el as HTMLInputElement).value = "";
        });
        await page.type("#email", email);
        await submit(page);
        expect(path(page)).toBe("/first-login/email");
        expect(await text(page, ".alert-success")).toContain(email);
        if (first) await shot(page, "05-email-sent");

        // Refresh before the link is opened: still waiting.
        await Promise.all([page.waitForNavigation(), page.click("a[href='/first-login/email?refresh=1']")]);
        expect(path(page)).toBe("/first-login/email");
        expect(await text(page, ".alert-info")).toContain("まだ完了していません");

        // [6] the mail, opened in another browser (no session there)
        const mail = await portal.latestMailTo(email);
        expect(mail.subject).toBe("【KOSMOWeb】メールアドレスの確認");
        const link = linkIn(mail);
        const other = await newPage();
        try {
          await other.page.goto(link);
          if (first) await shot(other.page, "06-verify-link");
          await submit(other.page);
          expect(await text(other.page, ".alert")).toContain("メールアドレスの確認が完了しました");
          if (first) await shot(other.page, "07-verify-done");
          // Single use: the same link again is refused.
          await other.page.goto(link);
          expect(await text(other.page, ".alert-error")).toContain("無効");
        } finally {
          await other.close();
        }

        // [7] back to the original screen, refresh → [8] method
        await page.reload();
        expect(path(page)).toBe("/first-login/method");
        if (first) {
          await shot(page, "08-method");
          const body = await text(page, "main");
          for (const m of methods) expect(body).toContain(m.label);
          expect(body).toContain("※OTPは、ワンタイムパスワードの略です。");
        }
        await page.click(`#method-${method}`);
        await submit(page);

        // [9] new password: policy errors, then a good one
        expect(path(page)).toBe("/first-login/password");
        if (first) await expectLabelledInputs(page);
        for (const [bad, message] of [
          ["short", "パスワードは12文字以上で入力してください。"],
          [initial, "初期パスワードと同じパスワードは使用できません。"],
          [userId.toUpperCase(), "ユーザIDと同じパスワードは使用できません。"],
          [
            "Password1234",
            "このパスワードはよく使われているため使用できません。別のパスワードを入力してください。",
          ],
        ] as const) {
          await page.type("#new-password", bad);
          await page.type("#confirm-password", bad);
          await submit(page);
          expect(path(page)).toBe("/first-login/password");
          expect(await text(page, ".alert-error")).toBe(message);
        }
        await page.type("#new-password", newPassword);
        await page.type("#confirm-password", `${newPassword}x`);
        await submit(page);
        expect(await text(page, ".alert-error")).toBe("新しいパスワードと確認用のパスワードが一致しません。");
        if (first) await shot(page, "09-password-error");
        await page.type("#new-password", newPassword);
        await page.type("#confirm-password", newPassword);
        const passwordSetAt = new Date(); // the catcher stamps mail with the real clock
        await submit(page);

        // [10] complete → [11] ログアウト
        expect(path(page)).toBe("/first-login/complete");
        const notice = await portal.latestMailTo(email, { after: passwordSetAt });
        expect(notice.subject).toBe("【KOSMOWeb】セキュリティ設定変更のお知らせ");
        expect(notice.text).toContain("パスワードを変更しました");
        expect(await text(page, "h1")).toBe("初回ログインが完了しました");
        expect(await text(page, "main")).toContain(label);
        if (first) await shot(page, "10-complete");
        await submit(page, "main form[action='/logout'] button");
        expect(path(page)).toBe("/login");
        expect(await text(page, ".alert-info")).toBe("ログアウトしました。");
        if (first) await shot(page, "11-signed-out");

        const stored = await portal.member(userId);
        expect(stored?.auth_method).toBe(method);
        expect(stored?.email).toBe(email);
        expect(stored?.password_is_initial).toBe(0);
        expect(stored?.first_login_completed_at).not.toBeNull();

        // The initial password no longer works; the new one leads to the second factor, not the top page.
        await signIn(page, userId, initial);
        expect(await text(page, ".alert-error")).toBe("ユーザIDまたはパスワードが正しくありません。");
        const response = await page.goto(`${portal.origin}/`);
        expect(path(page)).toBe("/login");
        expect(response?.status()).toBe(200);
        await page.type("#user-id", userId);
        await page.type("#password", newPassword);
        const [nav] = await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
        expect(
          nav
            ?.request()
            .redirectChain()
            .map((r) => new URL(r.url()).pathname),
        ).toContain("/login/second-factor");
        // The second factor (issue 3) takes over from here: never the top page with the password alone.
        expect(path(page)).toMatch(/^\/login\/./);
      } finally {
        await close();
      }
    });
  }

  it("resumes at the pending step after the browser was closed, and no URL skips a step", async () => {
    await portal.addMember({ userId: "resume-1", password: "initial-resume", birthDate: "1990-01-31" });
    const firstVisit = await newPage();
    await signIn(firstVisit.page, "resume-1", "initial-resume");
    await setDate(firstVisit.page, "#birth-date", "1990-01-31");
    await submit(firstVisit.page);
    await submit(firstVisit.page, "form:has(input[value=agree]) button");
    expect(path(firstVisit.page)).toBe("/first-login/email");
    await firstVisit.close(); // the browser is closed midway

    const { page, close } = await newPage();
    try {
      await signIn(page, "resume-1", "initial-resume");
      expect(path(page)).toBe("/first-login/email");
      for (const url of [
        "/first-login/password",
        "/first-login/method",
        "/first-login/complete",
        "/",
        "/services/medical",
      ]) {
        await page.goto(`${portal.origin}${url}`);
        expect(path(page), url).toBe("/first-login/email");
      }
      await shot(page, "12-resumed");
      // Send the mail, close this browser too, confirm from a third one; the next sign-in skips the e-mail
      // screen (manual: "こちらの画面に遷移しない場合…").
      await page.type("#email", "resume@example.jp");
      await submit(page);
    } finally {
      await close();
    }
    const mailer = await newPage();
    try {
      await mailer.page.goto(linkIn(await portal.latestMailTo("resume@example.jp")));
      await submit(mailer.page);
    } finally {
      await mailer.close();
    }
    const again = await newPage();
    try {
      await signIn(again.page, "resume-1", "initial-resume");
      expect(path(again.page)).toBe("/first-login/method");
    } finally {
      await again.close();
    }
  });

  it("speaks English by Accept-Language and switches with the language links", async () => {
    await portal.addMember({ userId: "english-1", password: "initial-english", birthDate: "1966-06-06" });
    const { page, close } = await newPage();
    try {
      await page.setExtraHTTPHeaders({ "Accept-Language": "en-GB,en;q=0.9" });
      await page.goto(`${portal.origin}/login`);
      expect(await text(page, "h1")).toBe("Sign in");
      expect(await text(page, "label[for=remember]")).toBe("Keep me signed in");
      await signIn(page, "english-1", "initial-english");
      expect(await text(page, "label[for=birth-date]")).toBe("Date of birth");
      await shot(page, "13-birth-date-en");
      await Promise.all([page.waitForNavigation(), page.click("a[hreflang=ja]")]);
      expect(path(page)).toBe("/first-login/birth-date");
      expect(await text(page, "label[for=birth-date]")).toBe("生年月日");
      await page.goto(`${portal.origin}/login`);
      expect(path(page)).toBe("/first-login/birth-date"); // signed in: the sign-in page sends back to the step
    } finally {
      await close();
    }
  });

  it("signs out when the terms are declined", async () => {
    await portal.addMember({ userId: "decline-1", password: "initial-decline", birthDate: "1970-12-01" });
    const { page, close } = await newPage();
    try {
      await signIn(page, "decline-1", "initial-decline");
      await setDate(page, "#birth-date", "1970-12-01");
      await submit(page);
      await submit(page, "form:has(input[value=decline]) button");
      expect(path(page)).toBe("/login");
      expect(await text(page, ".alert-info")).toContain("利用規約に同意いただけない場合");
      await page.goto(`${portal.origin}/first-login/terms`);
      expect(path(page)).toBe("/login");
    } finally {
      await close();
    }
  });
});
