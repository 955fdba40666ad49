// The built extension in headless Chromium: vault unlock with 200 accounts, popup open → first code painted,
// popup JavaScript size, and 画面のQRコードを読み取る → account added at 1080p. Each part that fails is
// reported as not measured with its reason; the others still count.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { type LaunchedBrowser, launchBrowser } from "../../tests/e2e/support/browser";
import {
  BUILDS,
  type FixtureAccount,
  fixtureAccount,
  startFixtureSite,
} from "../../tests/e2e/support/extension";
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
import { REFERENCE_ROWS, writeReferenceExtension } from "./reference-extension";

interface Context {
  browser: Browser;
  id: string;
  /** The reference extension (reference-extension.ts) loaded beside ours. */
  referenceId: string;
  /** The benchmark page (bench/qr/page-entry.ts), its decoder started from the loopback server's WASM. */
  benchPage: Page;
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

async function unlockPart(context: Context): Promise<void> {
  const { control, runs, rows, notes, benchPage: kdfPage } = context;
  const unlock: number[] = [];
  const kdfAlone: number[] = [];
  for (let run = 0; run < runs; run++) {
    unlock.push(await timeUnlock(control));
    kdfAlone.push(await timeKdfAlone(kdfPage));
  }
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

/**
 * Opens of each page per run of the bench (15 in a whole run): an open takes a fifth of a second, and on this
 * shared machine one open of the reference varies from 110 to 200 ms, so five of each would make the same-run
 * ratio a matter of luck.
 */
const POPUP_OPENS_PER_RUN = 3;

async function popupPart(context: Context): Promise<void> {
  const { browser, id, referenceId, rows, notes } = context;
  const runs = context.runs * POPUP_OPENS_PER_RUN;
  const open: number[] = [];
  const openAnswered: number[] = [];
  const reference: number[] = [];
  const still: number[] = [];
  // Interleaved, in a rotating order, so that the machine's noise hits all three alike.
  const measures = [
    async () => {
      const { ms, count, answered } = await timePopupOpen(browser, id, context.accounts);
      if (count < context.accounts) throw new Error(`popup showed ${count} accounts`);
      open.push(ms);
      // The popup opens with `open` (status and the first screenful); the whole list follows with `list`.
      if (answered.open !== undefined) openAnswered.push(answered.open);
    },
    async () => {
      const { ms, count } = await timePopupOpen(browser, referenceId, REFERENCE_ROWS);
      if (count < REFERENCE_ROWS) throw new Error(`reference popup showed ${count} rows`);
      reference.push(ms);
    },
    async () => still.push((await timePopupOpen(browser, referenceId, 1, "static.html")).ms),
  ];
  for (let run = 0; run < runs; run++) {
    for (let k = 0; k < measures.length; k++) await measures[(run + k) % measures.length]!();
  }
  const times = ratio(median(open), median(reference));
  rows.push(
    {
      name: `popup open → first code painted, ${context.accounts} accounts`,
      value: formatSummary(summarize(open), "ms"),
      target: "≤ 100 ms median",
      status: check(median(open) <= 100),
    },
    {
      name: "  of which until the opening answer arrives (status, the first screenful and its codes)",
      value: openAnswered.length > 0 ? formatSummary(summarize(openAnswered), "ms") : "—",
      status: "INFO",
    },
    {
      name: `  reference extension in the same browser: one message to its worker → ${REFERENCE_ROWS} rows painted`,
      value: formatSummary(summarize(reference), "ms"),
      status: "INFO",
    },
    {
      name: "  an extension page with one static row (no script, no message), same browser",
      value: formatSummary(summarize(still), "ms"),
      status: "INFO",
    },
    {
      name: "  our popup ÷ reference (same run)",
      value: `${formatNumber(times, 2)}×`,
      target: "≤ 1.2×",
      status: check(times <= 1.2),
    },
  );
  const list = openAnswered.length > 0 ? median(openAnswered) : Number.NaN;
  if (median(open) > 100) {
    notes.push(
      `MISS — popup: first code painted at ${f(median(open))} ms against ≤ 100 ms. In the same run the reference extension (one message to its worker, ${REFERENCE_ROWS} rows painted with plain DOM calls) took ${f(median(reference))} ms and an extension page with one static row and no script ${f(median(still))} ms: that is Chromium opening an extension page and waking a service worker, which no popup can beat; the 100 ms target is below what this machine's Chromium allows, so the same-run ratio (≤ 1.2×) is the measure that counts. The opening answer (status, the accounts the first frame can show and their codes, computed by the worker; the whole list is asked for after that frame) arrives at ${f(list)} ms, asked by popup.html's head script while the popup's own script still loads; the rest (${f(median(open) - list)} ms) is that script's load and run where it is later than the answer, the first render and the wait for that frame.`,
    );
  }
  if (times > 1.2) {
    notes.push(
      `MISS — popup ÷ reference: ${formatNumber(times, 2)}× against ≤ 1.2× (${f(median(open))} ms against ${f(median(reference))} ms in the same run).`,
    );
  }
}

async function scanPart(context: Context, siteUrl: string, scanned: FixtureAccount[]): Promise<void> {
  const { browser, id, runs, rows, notes } = context;
  const scan: number[] = [];
  const capture: number[] = [];
  const image: number[] = [];
  const decode: number[] = [];
  const alone: number[] = [];
  let size = "";
  for (let run = 0; run < runs; run++) {
    const account = scanned[run]!;
    const measured = await timeScan(
      browser,
      id,
      siteUrl,
      run,
      account.secret,
      context.benchPage,
      account.uri,
    );
    scan.push(measured.ms);
    capture.push(measured.capture.captureMs);
    image.push(measured.capture.imageMs);
    decode.push(measured.decodeMs);
    alone.push(measured.capture.captureMs + measured.capture.imageMs + measured.decodeMs);
    size = `${measured.capture.width}×${measured.capture.height}`;
  }
  const passed = median(scan) <= 200;
  const times = ratio(median(scan), median(alone));
  rows.push(
    {
      name: `${SCAN_METHOD} click → account added, 1920×1080 tab`,
      value: formatSummary(summarize(scan), "ms"),
      target: "≤ 200 ms median",
      status: check(passed),
    },
    {
      name: `  captureVisibleTab (PNG, ${size}) alone, from the service worker`,
      value: formatSummary(summarize(capture), "ms"),
      status: "INFO",
    },
    {
      name: "  PNG data URL → ImageData alone, in the service worker",
      value: formatSummary(summarize(image), "ms"),
      status: "INFO",
    },
    {
      name: "  decodeQrCodes alone on that capture, in a page of the same browser",
      value: formatSummary(summarize(decode), "ms"),
      status: "INFO",
    },
    {
      name: "  reference: capture + ImageData + decode alone (sum per run)",
      value: formatSummary(summarize(alone), "ms"),
      status: "INFO",
    },
    {
      name: "  click → added ÷ reference (same run)",
      value: `${formatNumber(times, 2)}×`,
      status: "INFO",
    },
  );
  if (!passed) {
    notes.push(
      `MISS — scan: ${f(median(scan))} ms against ≤ 200 ms. Measured alone in the same run, captureVisibleTab takes ${f(median(capture))} ms (Chromium encodes the tab as PNG), turning that PNG into ImageData ${f(median(image))} ms and the decode ${f(median(decode))} ms; the rest is the message, parsing, the vault write (decrypt, re-encrypt, storage) and the popup's render.`,
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
  const referenceBuild = writeReferenceExtension();
  let launched: LaunchedBrowser | null = null;
  try {
    launched = await launchBrowser({ extensions: [build, referenceBuild], lang: "ja" });
    const { browser } = launched;
    const id = launched.extensionIds.get(build);
    const referenceId = launched.extensionIds.get(referenceBuild);
    if (!id || !referenceId) throw new Error("extension not installed");
    const benchPage = await browser.newPage();
    await benchPage.goto(`${options.benchPageUrl}/index.html`);
    await benchPage.evaluate(
      (url) => (window as unknown as BenchWindow).kosmoBench.init(url),
      `${options.benchPageUrl}/zxing_reader.wasm`,
    );
    const control = await browser.newPage();
    await control.goto(`chrome-extension://${id}/popup.html`);
    await message(control, { type: "create", password: PASSWORD });
    const seeded = await seedVault(control, options.accounts);
    if (seeded !== options.accounts) throw new Error(`seeded ${seeded} of ${options.accounts} accounts`);
    const context: Context = {
      browser,
      id,
      referenceId,
      benchPage,
      control,
      runs: options.runs,
      accounts: options.accounts,
      rows,
      notes,
    };

    await attempt(context, "vault unlock", () => unlockPart(context));
    await attempt(context, "popup open → first code painted", () => popupPart(context));
    // Headless Chromium's UI language is English: choose 日本語 in the settings to click the Japanese button.
    const settings = await message<Record<string, unknown>>(control, { type: "get-settings" });
    await message(control, { type: "set-settings", settings: { ...settings, language: "ja" } });
    await control.close();
    await attempt(context, `${SCAN_METHOD} → account added`, () => scanPart(context, site.url, scanned));
    notes.unshift(
      `Built extension (.output/chrome-mv3, copied aside) in headless Chromium. The vault is created and filled with ${options.accounts} TOTP accounts through the extension's own messages (create, add-uri) from its popup page; the KDF parameters are the shipped defaults.`,
      "Unlock: time in the popup page from sending the unlock message to its answer (service worker: Argon2id via hash-wasm, AES-GCM decrypt and parse of the vault, session key stored), after a lock message each run; the KDF alone is timed in an ordinary page of the same browser, alternating with the unlocks.",
      `Popup open: popup.html opened as a 360×600 tab while unlocked, default settings (language auto); from navigation start (performance.now() origin) to the first element \`.account .code[data-code]\` in the DOM plus one animation frame (requestAnimationFrame + setTimeout 0) — i.e. the first code painted. The reference (bench/extension/reference-extension.ts) is a second extension loaded in the same browser whose popup sends one message to its service worker and paints ${REFERENCE_ROWS} rows from the answer with plain DOM calls, and whose static.html holds one row and no script; all three are timed with the same probe, interleaved in a rotating order, ${POPUP_OPENS_PER_RUN} opens of each per run (one open of the reference alone varies by tens of ms on this machine). Popup JavaScript: every script (and modulepreload chunk) named by popup.html — today two classic scripts: popup-open.js, which asks the opening questions from the page's head, and popup-app.js, the popup with its styles — gzip level 9.`,
      `Scan: a local page (QR 240 px) in a 1920×1080 viewport, the real action popup opened over it (grants activeTab); time in the popup from the click on ${SCAN_METHOD} to "${ADDED}" painted (captureVisibleTab PNG → ImageData → decodeQrCodes → parse → vault write). The added account's code is checked against the fixture secret; then, as the same-run reference, captureVisibleTab and PNG → ImageData are timed alone from the service worker (the popup still open, so activeTab holds) and decodeQrCodes alone on that very capture in a page of the same browser (which must find the fixture's URI).`,
    );
  } finally {
    await launched?.close();
    await site.close();
    rmSync(build, { recursive: true, force: true });
    rmSync(referenceBuild, { recursive: true, force: true });
  }
  return { title: "Extension — built extension in Chromium", rows, notes };
}

type BenchWindow = { kosmoBench: typeof import("../qr/page-entry") };
