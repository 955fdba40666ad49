// `npm test`: lint, type-check, import rules, build, make sure Chromium is there, then unit and end-to-end tests
// on SQLite, and the portal's unit and end-to-end tests again on PostgreSQL (scripts/postgres.ts).
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./chromium";
import { ensurePostgres } from "./postgres";

function run(step: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`\n▶ ${step}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${step} failed`);
    process.exit(result.status ?? 1);
  }
}

const npx = (args: string[]) => ["npx", "--no-install", ...args] as const;

run("lint and format (biome)", ...split(npx(["biome", "check", "."])));
// The extension's and tests' tsconfigs extend .wxt/tsconfig.json, and its types follow the message catalogues.
run("extension types (wxt prepare)", ...split(npx(["wxt", "prepare"])));
run("type-check (tsc -b: each runtime's project)", ...split(npx(["tsc", "-b"])));
run("folder import rules (docs/architecture.md)", ...split(npx(["tsx", "scripts/check-architecture.ts"])));
run("build (portal client, extension for Chrome and Edge)", "npm", ["run", "--silent", "build"]);
ensureChromium();
run("unit tests", ...split(npx(["vitest", "run", "--project", "unit"])));
run("end-to-end tests (headless Chromium)", ...split(npx(["vitest", "run", "--project", "e2e"])));
const postgres = await ensurePostgres();
if (postgres) {
  const env = { TEST_DATABASE_URL: postgres.url };
  run("portal unit tests on PostgreSQL", ...split(npx(["vitest", "run", "--project", "unit-pg"])), env);
  run("portal end-to-end tests on PostgreSQL", ...split(npx(["vitest", "run", "--project", "e2e-pg"])), env);
  console.log("\n✔ all tests passed (SQLite and PostgreSQL)");
} else if (process.env.CI) {
  // CI must prove both stores: a missing PostgreSQL there is a failure, not a skip.
  console.error("✖ CI is set and the PostgreSQL half could not run (see above)");
  process.exit(1);
} else {
  console.log("\n✔ all tests passed on SQLite — the PostgreSQL half was SKIPPED (see above)");
}

function split(parts: readonly string[]): [string, string[]] {
  const [command, ...args] = parts;
  return [command as string, args];
}
