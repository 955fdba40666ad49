// `npm run bench` — measures what members feel (scan, unlock, popup) and what operators pay (portal under
// load), prints a table and writes bench/RESULTS.md. `--quick` is a short smoke run (fewer, shorter runs)
// whose report goes to a temporary file instead. `--only portal` (or decode, extension) runs one part with the
// full plan, its report also to a temporary file: RESULTS.md is only ever a whole run. Speed targets live
// here, never in `npm test`.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromiumPath, ensureChromium } from "../scripts/chromium";
import { launchBrowser } from "../tests/e2e/support/browser";
import { runExtensionBench } from "./extension/extension-bench";
import { runPasskeyBench } from "./extension/passkey-bench";
import { chromiumVersion, machineInfo } from "./machine";
import { runAttackBench } from "./portal/attack-bench";
import { runOutboxBench } from "./portal/outbox-bench";
import { runPortalBench } from "./portal/portal-bench";
import { runStoreBench } from "./portal/store-bench";
import { bundlePageScript, RESOLUTIONS, runDecodeBench, zxingWasm } from "./qr/decode-bench";
import { printTable, renderMarkdown, type SectionResult } from "./report";
import { serveFiles } from "./static-server";

const root = path.resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
const PARTS = ["decode", "extension", "portal"] as const;
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex === -1 ? null : process.argv[onlyIndex + 1];
if (only !== null && !PARTS.includes(only as (typeof PARTS)[number])) {
  console.error(`--only takes one of: ${PARTS.join(", ")}`);
  process.exit(2);
}
const runs = (part: (typeof PARTS)[number]) => only === null || only === part;
const partial = quick || only !== null;
const plan = quick
  ? { runs: 2, resolutions: RESOLUTIONS.filter(([w]) => w === 1920), seconds: 1.5, concurrencies: [2, 8] }
  : { runs: 5, resolutions: RESOLUTIONS, seconds: 3, concurrencies: [1, 2, 4, 8, 16] };
const MEMBERS: [number, number] = [1_000, 100_000];
const ACCOUNTS = 200;

function log(message: string): void {
  console.log(`▶ ${message} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

/** A section that fails is reported as not measured, with the reason, and the others still run. */
async function section(
  title: string,
  run: () => Promise<SectionResult | SectionResult[]>,
): Promise<SectionResult[]> {
  try {
    return [await run()].flat();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    console.error(`✖ ${title}: ${reason}`);
    return [
      {
        title,
        rows: [{ name: title, value: "—", status: "NOT MEASURED" }],
        notes: [`Not measured: the section failed with "${reason}".`],
      },
    ];
  }
}

async function decodeSections(benchPageUrl: string): Promise<SectionResult[]> {
  const launched = await launchBrowser();
  try {
    return (await runDecodeBench(launched.browser, benchPageUrl, plan)).sections;
  } finally {
    await launched.close();
  }
}

const started = performance.now();
const browserParts = runs("decode") || runs("extension");
if (browserParts) ensureChromium();
if (runs("extension") && !existsSync(path.join(root, ".output/chrome-mv3/popup.html"))) {
  log("building the extension (npm run build)");
  const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const machine = machineInfo(browserParts ? chromiumVersion(chromiumPath) : "not used (--only portal)");
const benchPage = browserParts
  ? await serveFiles({
      "/index.html": {
        type: "text/html",
        body: '<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>',
      },
      "/bench.js": { type: "text/javascript", body: await bundlePageScript() },
      "/zxing_reader.wasm": { type: "application/wasm", body: zxingWasm() },
    })
  : null;
const sections: SectionResult[] = [];
if (runs("decode") && benchPage) {
  log(
    `QR decode in Chromium (${plan.resolutions.length} resolutions × 8 frames × ${plan.runs} runs × 2 decoders)`,
  );
  sections.push(
    ...(await section("Extension — QR decode in Chromium (full frame)", () => decodeSections(benchPage.url))),
  );
}
if (runs("extension") && benchPage) {
  log(`built extension: unlock, popup, scan (${ACCOUNTS} accounts)`);
  sections.push(
    ...(await section("Extension — built extension in Chromium", () =>
      runExtensionBench({ runs: plan.runs, accounts: ACCOUNTS, benchPageUrl: benchPage.url }),
    )),
  );
}
if (runs("extension")) {
  log(`built extension: passkey and one-time-code sign-in on the real portal (${plan.runs} runs)`);
  sections.push(
    ...(await section("Extension — passkey and one-time code on the real portal", () =>
      runPasskeyBench({ runs: plan.runs }),
    )),
  );
}
if (runs("portal")) {
  log("portal under load (child process + autocannon)");
  sections.push(
    ...(await section("Portal under load", () =>
      runPortalBench({
        runs: plan.runs,
        seconds: plan.seconds,
        concurrencies: plan.concurrencies,
        members: MEMBERS,
      }),
    )),
  );
  log("portal: sign-ins on SQLite and PostgreSQL, one and two instances");
  sections.push(
    ...(await section("Portal — sign-ins on SQLite and PostgreSQL, one and two instances (issue 9)", () =>
      runStoreBench({
        runs: quick ? 1 : 3,
        seconds: plan.seconds * (quick ? 1 : 2),
        members: quick ? 100 : 1_000,
        connections: 8,
      }),
    )),
  );
  log(`portal: mail outbox throughput (${quick ? 50 : 500} mails through the SMTP catcher)`);
  sections.push(
    ...(await section("Portal — mail outbox throughput (issue 9)", () =>
      runOutboxBench({ mails: quick ? 50 : 500, runs: plan.runs }),
    )),
  );
  log(`portal: guessing storms against one member (${quick ? 200 : 1_000} guesses each)`);
  sections.push(
    ...(await section("Portal — guessing storm against one member (issue 8)", () =>
      runAttackBench({ guesses: quick ? 200 : 1_000 }),
    )),
  );
}
await benchPage?.close();
machine.loadAfter = os.loadavg();

// The load after the run is mostly the run's own browser, portal and load generator: judge by the load before.
const loadAtStart = machine.loadBefore[0] ?? 0;
const sharedNote =
  (process.env.BENCH_NOTE ? `${process.env.BENCH_NOTE} ` : "") +
  (loadAtStart > 0.5
    ? `Other work was running when this run started (1-minute load average ${loadAtStart.toFixed(1)} on ${machine.cores} cores), so absolute figures are pessimistic; the same-run ratios are the fairer comparisons.`
    : `Nothing else was running when this run started (1-minute load average ${loadAtStart.toFixed(2)}); the load after it is the benchmark's own browser, portal and load generator.`) +
  " The machine is a virtual machine on shared hardware whose speed varies from day to day: the reference rows measured in the same run (jsQR, Argon2id alone, bare Hono) show how fast it was, so compare runs through them and through the same-run ratios.";
printTable(sections);
const markdown = renderMarkdown({
  machine,
  sections,
  quick,
  durationSeconds: (performance.now() - started) / 1000,
  sharedNote,
});
const output = partial
  ? path.join(os.tmpdir(), `kosmo-bench-${quick ? "quick" : `only-${only}`}.md`)
  : path.join(root, "bench/RESULTS.md");
writeFileSync(output, markdown);
console.log(`\n${partial ? "Partial run (--quick or --only) — report written to" : "Wrote"} ${output}`);
process.exit(0);
