// Starts bench/portal/portal-process.ts as a second process (loopback, random port, its own DATA_DIR), and
// any bench portal script the same way (spawnPortalScript: attack-bench.ts runs attack-process.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

export interface PortalChild {
  origin: string;
  sessionToken?: string;
  /** µs per signed-in page through app.fetch in the portal process (no HTTP), one figure per run. */
  appMicros?: number[];
  /** Top self-time functions while rendering that page in-process. */
  appProfile?: string[];
  stop(): Promise<void>;
}

export async function startChild(
  mode: "portal" | "bare",
  members = 0,
  authMethod: "totp" | "passkey" = "totp",
): Promise<PortalChild> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-bench-"));
  const env = {
    BENCH_MODE: mode,
    BENCH_MEMBERS: String(members),
    BENCH_AUTH_METHOD: authMethod,
    DATA_DIR: dataDir,
  };
  const started = await spawnPortalScript<Omit<PortalChild, "stop">>("portal-process.ts", env, (line) =>
    Boolean(line.ready),
  ).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...started.answer,
    async stop() {
      await started.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `script` (a file beside this one) in a second process under tsx with the portal's tsconfig, on SQLite
 * in its DATA_DIR (no DATABASE_URL) and at a random port (no PORTAL_ORIGIN). Answers with the first JSON line
 * it prints that `isReady` accepts, and stop(): SIGTERM, then SIGKILL after 5 s.
 */
export async function spawnPortalScript<T>(
  script: string,
  env: Record<string, string>,
  isReady: (line: Record<string, unknown>) => boolean,
): Promise<{ answer: T; stop(): Promise<void> }> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...env,
    NODE_ENV: "test",
    // tsx reads the root tsconfig.json, a solution file that compiles nothing itself: the portal's JSX settings.
    TSX_TSCONFIG_PATH: path.join(import.meta.dirname, "../../portal/tsconfig.json"),
  };
  delete childEnv.DATABASE_URL;
  delete childEnv.PORTAL_ORIGIN;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, script)],
    { env: childEnv, stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const answer = await new Promise<T>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith("{")) return;
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (isReady(parsed)) resolve(parsed as T);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited early (code ${code})`)));
  });
  return {
    answer,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
