// Manual 2-3 / 2-4: OTP app set-up and later sign-ins, in headless Chromium with JavaScript off (the screen
// must work without it). The test reads the key behind スキャンできませんか?, checks the QR decodes to the
// same otpauth URI, computes codes with otpauth, enrols, signs out, signs in, and sees a replay refused.
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { startTestPortal } from "./support/portal";
import { screenshotDir } from "./support/screenshots";
import {
  decodeQrImage,
  memberAfterFirstLogin,
  newPlainPage,
  pathOf,
  signInWithPassword,
  signOut,
  totpCode,
} from "./support/second-factor";
import { shared } from "./support/shared";

const SHOTS = screenshotDir("second-factors");
let nowMs = Date.UTC(2026, 10, 25, 12, 0, 10); // 10 s into a 30 s step
const clock = () => new Date(nowMs);

const portal = shared(() => startTestPortal({ clock }));
const launched = shared(() => launchBrowser({ lang: "ja" }));

async function enterCode(page: Page, code: string): Promise<void> {
  await page.type("#otp", code);
  await Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]);
}

describe("2-3 / 2-4 OTP app", () => {
  it("enrols with the key behind スキャンできませんか?, then asks for a code at every sign-in and refuses replays", async () => {
    const member = await memberAfterFirstLogin(portal, {
      userId: "totp-user",
      method: "totp",
      email: "totp@example.jp",
    });
    const page = await newPlainPage(launched.browser);
    await signInWithPassword(page, portal.origin, member.user_id);
    expect(pathOf(page)).toBe("/login/totp-setup");

    // The screen of the manual: heading, QR image, the hidden key, the two fields, the checkbox, 実行 and 戻る.
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("ワンタイムパスワード認証の設定");
    expect(await page.$eval("label[for=otp]", (l) => l.textContent)).toBe("ワンタイムパスワード");
    expect(await page.$eval("#otp", (i) => i.getAttribute("autocomplete"))).toBe("one-time-code");
    expect(await page.$eval("label[for=device-name]", (l) => l.textContent)).toBe("デバイス名");
    expect(await page.$eval("label[for=sign-out-others]", (l) => l.textContent)).toBe(
      "全てのデバイスからサインアウトする",
    );
    const buttons = await page.$$eval("#totp-setup-form .actions button", (b) => b.map((x) => x.textContent));
    expect(buttons).toEqual(["実行", "戻る"]);
    expect(await page.$eval("#totp-key", (k) => k.checkVisibility())).toBe(false); // hidden until asked
    await page.screenshot({ path: `${SHOTS}/totp-setup.png`, fullPage: true });

    await page.click("details.manual-key summary");
    expect(await page.$eval("details.manual-key", (d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.$eval("#totp-key", (k) => k.checkVisibility())).toBe(true);
    const facts = await page.$eval(".key-facts", (dl) => dl.textContent ?? "");
    for (const fact of ["時間ベース", "SHA1", "6", "30秒"]) expect(facts).toContain(fact);
    const grouped = await page.$eval("#totp-key", (k) => k.textContent ?? "");
    expect(grouped).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const secret = grouped.replace(/ /g, "");
    await page.screenshot({ path: `${SHOTS}/totp-setup-key.png`, fullPage: true });

    const uri = await decodeQrImage(page);
    expect(uri).toBe(
      `otpauth://totp/KOSMO%20Web:totp-user?secret=${secret}&issuer=KOSMO%20Web&algorithm=SHA1&digits=6&period=30`,
    );

    // A wrong code first: nothing is enrolled, the same key stays on screen.
    const enrolCode = totpCode(secret, clock());
    const wrong = String((Number(enrolCode) + 1) % 1_000_000).padStart(6, "0");
    await enterCode(page, wrong);
    expect(pathOf(page)).toBe("/login/totp-setup");
    expect(await page.$eval(".alert-error", (a) => a.textContent)).toContain(
      "ワンタイムパスワードが正しくありません",
    );
    expect(await page.$eval("#totp-key", (k) => k.textContent)).toBe(grouped);

    await page.type("#device-name", "テスト用スマホ");
    await enterCode(page, `${enrolCode.slice(0, 3)} ${enrolCode.slice(3)}`); // as the app shows it
    expect(pathOf(page)).toBe("/");
    expect(await page.$eval(".services", (s) => s.textContent)).toContain("医療費情報");
    const device = await portal.portal.db.selectFrom("totp_devices").selectAll().executeTakeFirstOrThrow();
    expect(device.name).toBe("テスト用スマホ");
    expect(device.secret_sealed).not.toContain(secret); // encrypted at rest

    // Every later sign-in: ID + password, then the app code. The enrolment code is refused (replay).
    await signOut(page);
    await signInWithPassword(page, portal.origin, member.user_id);
    expect(pathOf(page)).toBe("/login/second-factor");
    await enterCode(page, enrolCode);
    expect(pathOf(page)).toBe("/login/second-factor/totp");
    expect(await page.$eval(".alert-error", (a) => a.textContent)).toContain("認証に失敗しました");
    await page.screenshot({ path: `${SHOTS}/totp-replay-refused.png`, fullPage: true });

    // The next step's code (inside the ±1 window), typed with full-width digits and a space.
    const next = totpCode(secret, clock(), 1);
    const fullWidth = next.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    await enterCode(page, `${fullWidth.slice(0, 3)} ${fullWidth.slice(3)}`);
    expect(pathOf(page)).toBe("/");

    // The same code again in another sign-in, still inside its window: refused.
    await signOut(page);
    await signInWithPassword(page, portal.origin, member.user_id);
    await enterCode(page, next);
    expect(pathOf(page)).toBe("/login/second-factor/totp");

    // Two steps later a fresh code works; two steps too far does not.
    nowMs += 60_000;
    await enterCode(page, totpCode(secret, clock(), 2));
    expect(pathOf(page)).toBe("/login/second-factor/totp");
    await enterCode(page, totpCode(secret, clock()));
    expect(pathOf(page)).toBe("/");

    const events = await portal.portal.db
      .selectFrom("security_events")
      .select(["type", "detail"])
      .where("member_id", "=", member.id)
      .execute();
    expect(events.filter((e) => e.type === "second-factor-failed").map((e) => e.detail)).toEqual([
      "totp-setup-wrong",
      "totp-replayed",
      "totp-replayed",
      "totp-wrong",
    ]);
    expect(events.some((e) => e.type === "factor-added")).toBe(true);
    await page.browserContext().close();
  });
});
