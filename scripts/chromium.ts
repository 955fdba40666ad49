// Chromium for the end-to-end tests comes from Debian's `chromium` package, with its locale pack (without
// chromium-l10n Chromium has only en-US and ignores the language the tests ask for, so an extension's
// automatic Japanese could not be tested) and a Japanese font (else the member guide's screenshots show
// empty boxes instead of Japanese text). Poppler's pdftoppm turns the printed recovery sheet into images whose QR
// codes the test decodes.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Each Debian package and the file that shows it is installed. */
const requirements = [
  { pkg: "chromium", file: chromiumPath, without: "the end-to-end tests cannot run" },
  {
    pkg: "chromium-l10n",
    file: "/usr/lib/chromium/locales/ja.pak",
    without: "Chromium runs in English only",
  },
  {
    pkg: "fonts-ipafont-gothic",
    file: "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    without: "screenshots show boxes instead of Japanese",
  },
  { pkg: "poppler-utils", file: "/usr/bin/pdftoppm", without: "the recovery sheet's PDF cannot be checked" },
];

export function ensureChromium(): void {
  // A Chromium of the user's own (CHROMIUM_PATH) brings its own locales; the rest is ours to check.
  const needed = process.env.CHROMIUM_PATH
    ? requirements.filter((r) => !r.pkg.startsWith("chromium"))
    : requirements;
  const missing = needed.filter((r) => !existsSync(r.file));
  if (missing.length === 0) return;
  const packages = missing.map((r) => r.pkg);
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    const hint = `\`sudo apt-get install -y ${packages.join(" ")}\``;
    if (!existsSync(chromiumPath)) {
      console.error(
        `✖ Chromium is missing at ${chromiumPath}. Install it with ${hint} (or set CHROMIUM_PATH), then run \`npm test\` again.`,
      );
      process.exit(1);
    }
    for (const r of missing) console.warn(`⚠ ${r.pkg} is not installed: ${r.without}. ${hint}`);
    return;
  }
  console.log(`\n▶ installing Debian's ${packages.join(", ")} (needed by the end-to-end tests)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
      stdio: "inherit",
      env,
    });
  if (install().status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    install();
  }
  const stillMissing = needed.filter((r) => !existsSync(r.file)).map((r) => r.pkg);
  if (!existsSync(chromiumPath)) {
    console.error(
      `✖ Could not install chromium with apt-get; install it by hand (${stillMissing.join(" ")}) and run \`npm test\` again.`,
    );
    process.exit(1);
  }
  if (stillMissing.length > 0) console.warn(`⚠ still missing after apt-get: ${stillMissing.join(", ")}`);
}
