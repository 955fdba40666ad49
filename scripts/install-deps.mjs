// Runs before `npm test` and `npm run bench` (plain Node: nothing is installed yet on a fresh clone).
// Installs the locked dependencies with `npm ci` when node_modules is missing or does not match
// package-lock.json (any package, not only the direct ones), so the README's test command works on a fresh machine on its own.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/**
 * Packages of package-lock.json that node_modules does not hold at the locked version, read from the record
 * npm keeps of what it installed (node_modules/.package-lock.json). Optional packages for other platforms
 * are never installed, so an optional one counts only when it is there at another version.
 */
function staleDependencies(projectRoot) {
  const record = join(projectRoot, "node_modules", ".package-lock.json");
  if (!existsSync(record)) return ["node_modules"];
  const locked = readJson(join(projectRoot, "package-lock.json")).packages ?? {};
  const installed = readJson(record).packages ?? {};
  return Object.entries(locked)
    .filter(([key, entry]) => {
      if (key === "") return false;
      const have = installed[key];
      return entry.optional
        ? have !== undefined && have.version !== entry.version
        : have?.version !== entry.version;
    })
    .map(([key]) => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length));
}

const stale = staleDependencies(root);
if (stale.length > 0) {
  const shown = stale.length > 5 ? `${stale.slice(0, 5).join(", ")} …` : stale.join(", ");
  console.log(
    `▶ installing the locked dependencies (npm ci): ${stale.length} missing or outdated (${shown})`,
  );
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(
      "✖ npm ci failed: the dependencies could not be installed (is the npm registry reachable?)",
    );
    process.exit(result.status ?? 1);
  }
}
