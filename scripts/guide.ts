// `npm run guide`: rebuild the extensions, then run only the end-to-end file that takes the member guide's
// screenshots, with GUIDE_UPDATE=1 so that it writes the committed copies (extension/public/guide/*.png and
// docs/member-guide.{ja,en}.md) instead of test-output/guide/. Commit them when the guide's content changed.
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./chromium";

const GUIDE_TEST = "tests/e2e/extension-portal.test.ts";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("npm", ["run", "--silent", "build"]);
ensureChromium();
run("npx", ["--no-install", "vitest", "run", "--project", "e2e", GUIDE_TEST], {
  ...process.env,
  GUIDE_UPDATE: "1",
});
console.log("\n✔ member guide written to extension/public/guide/ and docs/");
