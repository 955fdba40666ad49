// The one-time-code path on the real portal, timed beside the passkey (issue 11): on the portal's
// ワンタイムパスワード入力 screen, the toolbar icon → このページに入力 on the account bound to the portal's origin →
// 実行 → signed in. Each member enrols first as the guide says (画面のQRコードを読み取る in the
// action popup → このページに入力 → 実行); a code is single-use per 30 s step, so every timed run is a different
// member, and the sign-ins start once the step of the last enrolment has passed.
import type { Browser, Page } from "puppeteer-core";
import { clickByText, openActionPopup, waitForText } from "../../tests/e2e/support/extension";
import { signOut } from "../../tests/e2e/support/second-factor";
import { BENCH_PASSWORD, userIdOf } from "../portal/bench-members";

const STEP_MS = 30_000;
const filledOtp = (page: Page) =>
  page.waitForFunction(
    () => (document.getElementById("otp") as HTMLInputElement | null)?.value.length === 6,
    {
      timeout: 30_000,
    },
  );

async function signInWithPassword(page: Page, origin: string, member: number): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.type("#user-id", userIdOf(member));
  await page.type("#password", BENCH_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click("form[action='/login'] button[type=submit]")]);
}

const submitOtp = (page: Page) =>
  Promise.all([page.waitForNavigation(), page.click("main button.button-primary")]); // 実行

/** The member enrols the portal's QR code with the extension's popup, as the guide shows; signs out after. */
async function enrol(
  browser: Browser,
  id: string,
  page: Page,
  origin: string,
  member: number,
): Promise<void> {
  await signInWithPassword(page, origin, member);
  if (new URL(page.url()).pathname !== "/login/totp-setup")
    throw new Error(`set-up page expected: ${page.url()}`);
  const popup = await openActionPopup(browser, page, id);
  await clickByText(popup, ".bar-button", "追加");
  await clickByText(popup, ".method", "画面のQRコードを読み取る");
  await waitForText(popup, "追加されました。");
  await clickByText(popup, "button", "このページに入力");
  await filledOtp(page);
  await popup.close();
  await page.bringToFront();
  await submitOtp(page);
  if (new URL(page.url()).pathname !== "/") throw new Error(`enrolment did not sign in: ${page.url()}`);
  await signOut(page);
}

/** The toolbar icon → the account of `member` (bound to the portal's origin) → このページに入力. */
async function fillFromPopup(browser: Browser, id: string, page: Page, member: number): Promise<void> {
  const popup = await openActionPopup(browser, page, id);
  const accounts = await popup.$$(".account.bound");
  for (const account of accounts) {
    if (!(await account.evaluate((el, name) => el.textContent?.includes(name), userIdOf(member)))) continue;
    await (await account.$(".fill-button"))?.click();
    await filledOtp(page);
    await popup.close();
    return;
  }
  throw new Error(`no account bound to the portal for ${userIdOf(member)}`);
}

/**
 * `members` members (ids 0…members−1 of a portal seeded with the TOTP method and no device) enrol, then each
 * signs in once: ms from the toolbar icon to the top page after 実行, one figure per member.
 */
export async function timeTotpFillSignIns(
  browser: Browser,
  id: string,
  origin: string,
  members: number,
): Promise<number[]> {
  const page = await browser.newPage();
  let lastEnrolment = 0;
  for (let member = 0; member < members; member++) {
    await enrol(browser, id, page, origin, member);
    lastEnrolment = Date.now();
  }
  // The enrolment codes were used in their step; the sign-ins need the step after the last one.
  const nextStep = (Math.floor(lastEnrolment / STEP_MS) + 1) * STEP_MS;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextStep - Date.now()) + 200));
  const times: number[] = [];
  for (let member = 0; member < members; member++) {
    await signInWithPassword(page, origin, member);
    if (new URL(page.url()).pathname !== "/login/second-factor") {
      throw new Error(`second-factor page expected: ${page.url()}`);
    }
    const start = performance.now();
    await fillFromPopup(browser, id, page, member);
    await submitOtp(page);
    times.push(performance.now() - start);
    if (new URL(page.url()).pathname !== "/")
      throw new Error(`the filled code did not sign in: ${page.url()}`);
    await signOut(page);
  }
  await page.close();
  return times;
}
