// Helpers for the second-factor end-to-end tests: a member who finished the first login (section 1 is
// H1's test), signing in with ID + password, TOTP codes at the portal's clock, and the QR on the page.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "puppeteer-core";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { updateMember } from "../../../portal/db/members";
import type { AuthMethod, Member } from "../../../portal/db/schema";
import type { TestPortal } from "./portal";

export const PASSWORD = "correct horse battery staple";

/** A member whose first login is complete with `method` chosen and a confirmed address. */
export async function memberAfterFirstLogin(
  portal: TestPortal,
  input: { userId: string; method: AuthMethod; email: string },
): Promise<Member> {
  const member = await portal.addMember({
    userId: input.userId,
    password: PASSWORD,
    birthDate: "1980-04-01",
    name: "山田 花子",
  });
  const at = Date.now();
  await updateMember(portal.portal.db, member.id, {
    password_is_initial: 0,
    email: input.email,
    email_verified_at: at,
    birth_date_confirmed_at: at,
    terms_accepted_at: at,
    auth_method: input.method,
    password_changed_at: at,
    first_login_completed_at: at,
    locale: "ja",
    updated_at: at,
  });
  return (await portal.member(input.userId))!;
}

/** A fresh browser context with JavaScript off and Japanese preferred: the portal's forms work without script. */
export async function newPlainPage(browser: Browser): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setExtraHTTPHeaders({ "Accept-Language": "ja" });
  return page;
}

export async function signInWithPassword(page: Page, origin: string, userId: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.type("#user-id", userId);
  await page.type("#password", PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click("form[action='/login'] button[type=submit]")]);
}

export async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(".logout-form button")]);
}

export const pathOf = (page: Page): string => new URL(page.url()).pathname;

/** The code an app shows for `secret` at `at` (+ `steps` periods). */
export function totpCode(secretBase32: string, at: Date, steps = 0): string {
  const totp = new TOTP({
    secret: Secret.fromBase32(secretBase32),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp: at.getTime() + steps * 30_000 });
}

let zxingReady = false;
/** Decodes the QR <img> of the set-up page (a data: PNG) the way an app would. */
export async function decodeQrImage(page: Page, selector = "#totp-qr"): Promise<string> {
  const src = await page.$eval(selector, (img) => (img as HTMLImageElement).src);
  if (!src.startsWith("data:image/png;base64,")) throw new Error("the QR is not a data: PNG");
  if (!zxingReady) {
    const wasm = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
    prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm).buffer } as never });
    zxingReady = true;
  }
  const results = await readBarcodes(new Uint8Array(Buffer.from(src.split(",")[1]!, "base64")), {
    formats: ["QRCode"],
  });
  if (!results[0]) throw new Error("no QR code found in the image");
  return results[0].text;
}
