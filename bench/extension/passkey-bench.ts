// The extension's passkey on the real portal (issue 11): パスキーでログイン click → signed in, beside the one-time-code
// fill path (totp-fill-bench.ts) in the same browser. A member with a
// passkey made by the built extension signs out and in `runs` times; each run is timed in Node from the click
// on the portal's button to the top page, including the extension's window opening and its 「ログイン」 clicked
// as soon as it is there (the master password typed within the recent-unlock window, so not typed again:
// the member's own typing time is not the machine's).
import type { Page, Target } from "puppeteer-core";
import { type LaunchedBrowser, launchBrowser } from "../../tests/e2e/support/browser";
import {
  allowPasskeySite,
  BUILDS,
  closeInstallGuide,
  createVaultInPopup,
  extensionIdOf,
} from "../../tests/e2e/support/extension";
import { signOut } from "../../tests/e2e/support/second-factor";
import { BENCH_PASSWORD, userIdOf } from "../portal/bench-members";
import { type PortalChild, startChild } from "../portal/child";
import { formatSummary, type SectionResult } from "../report";
import { summarize } from "../stats";
import { timeTotpFillSignIns } from "./totp-fill-bench";

const MASTER_PASSWORD = "kosmo-bench-master-2026";
const TITLE = "Extension — passkey and one-time code on the real portal";

/** Clicks `selector`, answers the extension's window with 「ログイン」/「パスキーを作成」, waits for `done`. */
async function throughWindow(
  launched: LaunchedBrowser,
  id: string,
  page: Page,
  selector: string,
  done: (page: Page) => Promise<unknown>,
  password?: string,
): Promise<number> {
  const opened = launched.browser.waitForTarget(
    (t: Target) => t.url().startsWith(`chrome-extension://${id}/passkey.html?request=`),
    { timeout: 30_000 },
  );
  await page.waitForSelector(`${selector}:not([disabled])`);
  const start = performance.now();
  await page.click(selector);
  const window = (await (await opened).asPage())!;
  await window.waitForSelector("#passkey-approve");
  if (password && (await window.$("#passkey-password"))) await window.type("#passkey-password", password);
  await window.click("#passkey-approve");
  await done(page);
  return performance.now() - start;
}

const atPath = (path: string | RegExp) => (page: Page) =>
  page.waitForFunction(
    (p, isRegex) => (isRegex ? new RegExp(p).test(location.pathname) : location.pathname === p),
    { timeout: 30_000 },
    path instanceof RegExp ? path.source : path,
    path instanceof RegExp,
  );

export async function runPasskeyBench(options: { runs: number }): Promise<SectionResult> {
  let portal: PortalChild | undefined;
  let totpPortal: PortalChild | undefined;
  let launched: LaunchedBrowser | undefined;
  try {
    // The portal in its own process (tsx runs this one with the root tsconfig, not the portal's), one member
    // who chose 生体認証 and has no passkey yet.
    portal = await startChild("portal", 1, "passkey");
    launched = await launchBrowser({ extensions: [BUILDS.chrome], lang: "ja" });
    const id = extensionIdOf(launched.extensionIds, BUILDS.chrome);
    await closeInstallGuide(launched.browser, id);
    await createVaultInPopup(launched.browser, id, MASTER_PASSWORD);
    const page = await launched.browser.newPage();
    await page.goto(`${portal.origin}/login`);
    await page.type("#user-id", userIdOf(0));
    await page.type("#password", BENCH_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click("form[action='/login'] button[type=submit]")]);
    // 「このサイトでパスキーを使う」 (its site-access prompt closes the popup; the modal path measured here needs none).
    await (await allowPasskeySite(launched.browser, page, id)).close();
    await page.bringToFront();
    await throughWindow(
      launched,
      id,
      page,
      "#passkey-register",
      atPath(/^\/passkey\/name\//),
      MASTER_PASSWORD,
    );
    await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);

    const times: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      await signOut(page);
      await page.goto(`${portal.origin}/login`);
      times.push(
        await throughWindow(launched, id, page, "#passkey-passwordless", atPath("/"), MASTER_PASSWORD),
      );
    }
    // Beside it, the one-time-code path in the same browser: a second portal whose members chose the app.
    totpPortal = await startChild("portal", options.runs, "totp");
    const fillTimes = await timeTotpFillSignIns(launched.browser, id, totpPortal.origin, options.runs);
    return {
      title: TITLE,
      rows: [
        {
          name: "パスキーでログイン click → signed in (extension's window, recent unlock)",
          value: formatSummary(summarize(times), "ms", 0),
          status: "INFO",
        },
        {
          name: "one-time code: toolbar icon → このページに入力 → 実行 → signed in (same browser, one member per run)",
          value: formatSummary(summarize(fillTimes), "ms", 0),
          status: "INFO",
        },
      ],
      notes: [
        "The real portal (SQLite, in a child process like the load tests) and the built extension (.output/chrome-mv3) in headless Chromium, no virtual authenticator: Chrome's webAuthenticationProxy hands the request to the extension, whose window opens and is answered 「ログイン」 at once; the master password was typed within the recent-unlock window (default 1 minute), so the time is the machine's: options fetch, window, ES256 signature and vault write (counter, last use), the portal's verification and redirect.",
        "One-time code: the same browser and extension, a second portal whose members chose the app (ワンタイムパスワード). Each member first enrols as the guide shows (画面のQRコードを読み取る in the action popup, このページに入力, 実行); a code is single-use per 30 s step, so each run is another member, signed in once the enrolment's step has passed. Timed from the toolbar icon (CDP's triggerExtensionAction, as a click on it) to the top page: the popup opening and unlocked list, このページに入力 on the account bound to the portal's origin, 実行 clicked as soon as the code is in the field, the portal's verification and redirect.",
      ],
    };
  } finally {
    await launched?.close();
    await portal?.stop();
    await totpPortal?.stop();
  }
}
