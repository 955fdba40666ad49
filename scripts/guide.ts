// `npm run guide`: rebuild the extensions, then run only the end-to-end files that take the member guide's
// screenshots, with GUIDE_UPDATE=1 so that they write the committed copies (extension/public/guide/*.png and
// docs/member-guide.{ja,en}.md) instead of test-output/guide/. Commit them when the guide's content changed.
// `npm run guide -- backup-restore` runs one of them (each writes the whole Markdown, its own shots only).
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./chromium";

const GUIDE_TESTS = ["extension-portal", "backup-restore", "extension-passkey"];
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !GUIDE_TESTS.includes(name));
if (unknown.length > 0) {
  console.error(`✖ not a guide test: ${unknown.join(", ")} (choose from ${GUIDE_TESTS.join(", ")})`);
  process.exit(1);
}
const files = (chosen.length > 0 ? chosen : GUIDE_TESTS).map((name) => `tests/e2e/${name}.test.ts`);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("npm", ["run", "--silent", "build"]);
ensureChromium();
run("npx", ["--no-install", "vitest", "run", "--project", "e2e", ...files], {
  ...process.env,
  GUIDE_UPDATE: "1",
});
console.log("\n✔ member guide written to extension/public/guide/ and docs/");
