// Chromium for the end-to-end tests comes from Debian's `chromium` package, with a Japanese font so that the
// screenshots the tests take (the member guide's pictures) show Japanese text rather than empty boxes.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const japaneseFont = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf";
const packages = ["chromium", "fonts-ipafont-gothic"];

export function ensureChromium(): void {
  const missing = [existsSync(chromiumPath) ? null : "chromium", existsSync(japaneseFont) ? null : "font"];
  if (!missing.some(Boolean)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (!isRoot || !hasApt) {
    if (existsSync(chromiumPath)) {
      console.warn(
        "⚠ No Japanese font found: screenshots will show boxes. `sudo apt-get install fonts-ipafont-gothic`.",
      );
      return;
    }
    console.error(
      `✖ Chromium is missing at ${chromiumPath}. Install it with \`sudo apt-get install -y ${packages.join(" ")}\` ` +
        "(or set CHROMIUM_PATH), then run `npm test` again.",
    );
    process.exit(1);
  }
  console.log(`\n▶ installing Debian's ${packages.join(" and ")} packages (needed by the end-to-end tests)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
      stdio: "inherit",
      env,
    });
  let result = install();
  if (result.status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    result = install();
  }
  if (!existsSync(chromiumPath)) {
    console.error(
      `✖ Could not install chromium with apt-get; install it by hand (${packages.join(" ")}) and run \`npm test\` again.`,
    );
    process.exit(1);
  }
}
