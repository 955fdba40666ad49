// Runs before `npm test` and `npm run bench` (plain Node: nothing is installed yet on a fresh clone).
// Installs the locked dependencies with `npm ci` when node_modules is missing or does not match
// package-lock.json, so the README's test command works on a fresh machine on its own.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Names of direct dependencies whose installed version differs from the lockfile (or is missing). */
function staleDependencies(projectRoot) {
  const manifest = readJson(join(projectRoot, "package.json"));
  const lock = readJson(join(projectRoot, "package-lock.json"));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return names.filter((name) => {
    const installed = join(projectRoot, "node_modules", name, "package.json");
    const locked = lock.packages?.[`node_modules/${name}`]?.version;
    return !existsSync(installed) || readJson(installed).version !== locked;
  });
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
