// The first login (manual section 1) walked quickly with JavaScript on, for tests that start from a brand-new
// member: birth date, terms, e-mail and the mailed link (opened in another context), method, new password,
// complete, ログアウト. first-login.test.ts walks the same screens slowly, checking each one.
import type { Browser, Page } from "puppeteer-core";
import { linkIn, type TestPortal } from "./portal";
import { PASSWORD, pathOf } from "./second-factor";

const submit = (page: Page, selector = "main button[type=submit]") =>
  Promise.all([page.waitForNavigation(), page.click(selector)]);

/** Adds a member with an initial password and completes the first login choosing `method`; signed out. */
export async function completeFirstLogin(
  browser: Browser,
  page: Page,
  portal: TestPortal,
  input: { userId: string; email: string; method: "passkey" | "totp" | "mail" },
): Promise<void> {
  const initial = `initial-${input.userId}`;
  await portal.addMember({
    userId: input.userId,
    password: initial,
    birthDate: "1985-07-15",
    name: "健保 花子",
  });
  await page.goto(`${portal.origin}/login`);
  await page.type("#user-id", input.userId);
  await page.type("#password", initial);
  await submit(page, "form[action='/login'] button[type=submit]");
  await page.$eval("#birth-date", (el) => {
    (el as HTMLInputElement).value = "1985-07-15";
  });
  await submit(page);
  await submit(page, "form:has(input[value=agree]) button");
  await page.type("#email", input.email);
  await submit(page);
  const other = await browser.createBrowserContext();
  try {
    const verify = await other.newPage();
    await verify.goto(linkIn(await portal.latestMailTo(input.email)));
    await submit(verify);
  } finally {
    await other.close();
  }
  await page.reload();
  if (pathOf(page) !== "/first-login/method") throw new Error(`expected the method screen, at ${page.url()}`);
  await page.click(`#method-${input.method}`);
  await submit(page);
  await page.type("#new-password", PASSWORD);
  await page.type("#confirm-password", PASSWORD);
  await submit(page);
  if (pathOf(page) !== "/first-login/complete") throw new Error(`first login not complete, at ${page.url()}`);
  await submit(page, "main form[action='/logout'] button");
}
