// Chromium for the end-to-end tests comes from Debian's `chromium` package.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (!isRoot || !hasApt) {
    console.error(
      `✖ Chromium is missing at ${chromiumPath}. Install it with \`sudo apt-get install -y chromium\` ` +
        "(or set CHROMIUM_PATH), then run `npm test` again.",
    );
    process.exit(1);
  }
  console.log("\n▶ installing Debian's chromium package (needed by the end-to-end tests)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let result = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
    stdio: "inherit",
    env,
  });
  if (result.status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    result = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
      stdio: "inherit",
      env,
    });
  }
  if (result.status !== 0 || !existsSync(chromiumPath)) {
    console.error("✖ Could not install chromium with apt-get; install it by hand and run `npm test` again.");
    process.exit(1);
  }
}
