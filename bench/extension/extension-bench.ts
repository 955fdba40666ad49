// The built extension in headless Chromium: vault unlock with 200 accounts, popup open → first code painted,
// popup JavaScript size, and 画面のQRコードを読み取る → account added at 1080p. Each part that fails is
// reported as not measured with its reason; the others still count.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { type LaunchedBrowser, launchBrowser } from "../../tests/e2e/support/browser";
import { BUILDS, fixtureAccount, startFixtureSite } from "../../tests/e2e/support/extension";
import { check, formatNumber, formatSummary, type Row, type SectionResult } from "../report";
import { median, ratio, summarize } from "../stats";
import {
  ADDED,
  message,
  PASSWORD,
  SCAN_METHOD,
  seedVault,
  timeKdfAlone,
  timePopupOpen,
  timeScan,
  timeUnlock,
} from "./measures";
import { popupScriptSizes } from "./popup-size";

interface Context {
  browser: Browser;
  id: string;
  control: Page;
  runs: number;
  accounts: number;
  rows: Row[];
  notes: string[];
}

const f = (value: number) => formatNumber(value);

async function attempt(context: Context, name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    context.rows.push({ name, value: "—", status: "NOT MEASURED" });
    context.notes.push(`Not measured — ${name}: ${reason}`);
  }
}

async function unlockPart(context: Context, benchPageUrl: string): Promise<void> {
  const { browser, control, runs, rows, notes } = context;
  const kdfPage = await browser.newPage();
  await kdfPage.goto(`${benchPageUrl}/index.html`);
  const unlock: number[] = [];
  const kdfAlone: number[] = [];
  for (let run = 0; run < runs; run++) {
    unlock.push(await timeUnlock(control));
    kdfAlone.push(await timeKdfAlone(kdfPage));
  }
  await kdfPage.close();
  const passed = median(unlock) <= 300;
  rows.push(
    {
      name: `vault unlock, ${context.accounts} accounts (message → KDF → decrypt → session key)`,
      value: formatSummary(summarize(unlock), "ms"),
      target: "≤ 300 ms median",
      status: check(passed),
    },
    {
      name: "  Argon2id alone (hash-wasm, 64 MiB, t=3, p=1) in a page of the same browser",
      value: formatSummary(summarize(kdfAlone), "ms"),
      status: "INFO",
    },
    {
      name: "  unlock ÷ KDF alone (same run)",
      value: `${formatNumber(ratio(median(unlock), median(kdfAlone)), 2)}×`,
      status: "INFO",
    },
  );
  if (!passed) {
    notes.push(
      `MISS — unlock: ${f(median(unlock))} ms against ≤ 300 ms. Argon2id alone at the shipped parameters (64 MiB, t=3) takes ${f(median(kdfAlone))} ms in a page of the same browser (${formatNumber((100 * median(kdfAlone)) / median(unlock), 0)} % of the unlock's median): the memory-hard KDF in single-threaded WebAssembly is what limits it; the rest is the message to the service worker, AES-GCM decryption and parsing of ${context.accounts} accounts, and storing the session key.`,
    );
  }
}

async function popupPart(context: Context): Promise<void> {
  const { browser, id, runs, rows, notes } = context;
  const open: number[] = [];
  const listAnswered: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { ms, count, answered } = await timePopupOpen(browser, id, context.accounts);
    if (count < context.accounts) throw new Error(`popup showed ${count} accounts`);
    open.push(ms);
    // The popup asks for the list with `list`, or all at once with `open` (status + page + list).
    const listAt = answered.list ?? answered.open;
    if (listAt !== undefined) listAnswered.push(listAt);
  }
  const passed = median(open) <= 100;
  rows.push({
    name: `popup open → first code painted, ${context.accounts} accounts`,
    value: formatSummary(summarize(open), "ms"),
    target: "≤ 100 ms median",
    status: check(passed),
  });
  if (listAnswered.length > 0) {
    rows.push({
      name: "  of which until the decrypted list arrives (the popup's open or list message answered)",
      value: formatSummary(summarize(listAnswered), "ms"),
      status: "INFO",
    });
  }
  if (!passed) {
    const list = listAnswered.length > 0 ? median(listAnswered) : Number.NaN;
    notes.push(
      `MISS — popup: first code painted at ${f(median(open))} ms against ≤ 100 ms. The account list arrives from the service worker at ${f(list)} ms (the popup asks the service worker, which decrypts the whole vault); the remaining ${f(median(open) - list)} ms is the first render (the first screenful of accounts, each with its code; the rest follow after the first paint) and the wait for that frame. Before the list arrives, most of the time is Chromium opening the page and loading its scripts (measured once with timing probes on 2026-11-26, not in this run: ≈ 45 ms navigation, ≈ 30 ms until the page's scripts run and send their one message, ≈ 13 ms for the service worker's answer).`,
    );
  }
}

async function scanPart(context: Context, siteUrl: string, secrets: string[]): Promise<void> {
  const { browser, id, runs, rows, notes } = context;
  const scan: number[] = [];
  const capture: number[] = [];
  const image: number[] = [];
  let size = "";
  for (let run = 0; run < runs; run++) {
    const measured = await timeScan(browser, id, siteUrl, run, secrets[run]!);
    scan.push(measured.ms);
    capture.push(measured.capture.captureMs);
    image.push(measured.capture.imageMs);
    size = `${measured.capture.width}×${measured.capture.height}`;
  }
  const passed = median(scan) <= 200;
  rows.push(
    {
      name: `${SCAN_METHOD} click → account added, 1920×1080 tab`,
      value: formatSummary(summarize(scan), "ms"),
      target: "≤ 200 ms median",
      status: check(passed),
    },
    {
      name: `  of which captureVisibleTab (PNG, ${size})`,
      value: formatSummary(summarize(capture), "ms"),
      status: "INFO",
    },
    {
      name: "  of which PNG data URL → ImageData",
      value: formatSummary(summarize(image), "ms"),
      status: "INFO",
    },
  );
  if (!passed) {
    notes.push(
      `MISS — scan: ${f(median(scan))} ms against ≤ 200 ms. Measured alone in the same run, captureVisibleTab takes ${f(median(capture))} ms (Chromium encodes the tab as PNG) and turning that PNG into ImageData ${f(median(image))} ms; the rest is the QR decode, parsing, the vault write (decrypt, re-encrypt, storage) and the popup's render.`,
    );
  }
}

export async function runExtensionBench(options: {
  runs: number;
  accounts: number;
  /** The benchmark page (bench/qr/page-entry.ts bundle) for the KDF measured alone in the same browser. */
  benchPageUrl: string;
}): Promise<SectionResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  // A snapshot of the build: other work may rebuild .output while the benchmark runs.
  const build = mkdtempSync(path.join(tmpdir(), "kosmo-bench-ext-"));
  cpSync(BUILDS.chrome, build, { recursive: true });
  const sizes = popupScriptSizes(build);
  rows.push({
    name: "popup JavaScript (gzip)",
    value: `${formatNumber(sizes.gzipBytes / 1024)} KiB gzip (${formatNumber(sizes.rawBytes / 1024)} KiB raw; ${sizes.files.join(", ")})`,
    target: "≤ 60 KB",
    status: check(sizes.gzipBytes <= 60_000),
  });
  const scanned = Array.from({ length: options.runs }, (_, i) =>
    fixtureAccount("Bench Bank", `scan${i}@example.jp`),
  );
  const site = await startFixtureSite(scanned);
  let launched: LaunchedBrowser | null = null;
  try {
    launched = await launchBrowser({ extensions: [build], lang: "ja" });
    const { browser } = launched;
    const id = launched.extensionIds.get(build);
    if (!id) throw new Error("extension not installed");
    const control = await browser.newPage();
    await control.goto(`chrome-extension://${id}/popup.html`);
    await message(control, { type: "create", password: PASSWORD });
    const seeded = await seedVault(control, options.accounts);
    if (seeded !== options.accounts) throw new Error(`seeded ${seeded} of ${options.accounts} accounts`);
    const context: Context = {
      browser,
      id,
      control,
      runs: options.runs,
      accounts: options.accounts,
      rows,
      notes,
    };

    await attempt(context, "vault unlock", () => unlockPart(context, options.benchPageUrl));
    await attempt(context, "popup open → first code painted", () => popupPart(context));
    // Headless Chromium's UI language is English: choose 日本語 in the settings to click the Japanese button.
    const settings = await message<Record<string, unknown>>(control, { type: "get-settings" });
    await message(control, { type: "set-settings", settings: { ...settings, language: "ja" } });
    await control.close();
    await attempt(context, `${SCAN_METHOD} → account added`, () =>
      scanPart(
        context,
        site.url,
        scanned.map((account) => account.secret),
      ),
    );
    notes.unshift(
      `Built extension (.output/chrome-mv3, copied aside) in headless Chromium. The vault is created and filled with ${options.accounts} TOTP accounts through the extension's own messages (create, add-uri) from its popup page; the KDF parameters are the shipped defaults.`,
      "Unlock: time in the popup page from sending the unlock message to its answer (service worker: Argon2id via hash-wasm, AES-GCM decrypt and parse of the vault, session key stored), after a lock message each run; the KDF alone is timed in an ordinary page of the same browser, alternating with the unlocks.",
      "Popup open: popup.html opened as a 360×600 tab while unlocked, default settings (language auto); from navigation start (performance.now() origin) to the first element `.account .code[data-code]` in the DOM plus one animation frame (requestAnimationFrame + setTimeout 0) — i.e. the first code painted. Popup JavaScript: the module script and modulepreload chunks named by popup.html, gzip level 9.",
      `Scan: a local page (QR 240 px) in a 1920×1080 viewport, the real action popup opened over it (grants activeTab); time in the popup from the click on ${SCAN_METHOD} to "${ADDED}" painted (captureVisibleTab PNG → ImageData → decodeQrCodes → parse → vault write). The added account's code is checked against the fixture secret; the capture steps are then timed alone from the service worker.`,
    );
  } finally {
    await launched?.close();
    await site.close();
    rmSync(build, { recursive: true, force: true });
  }
  return { title: "Extension — built extension in Chromium", rows, notes };
}
