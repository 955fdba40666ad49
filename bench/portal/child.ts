// Starts bench/portal/portal-process.ts as a second process (loopback, random port, its own DATA_DIR).
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
  const env: Record<string, string | undefined> = {
    ...process.env,
    BENCH_MODE: mode,
    BENCH_MEMBERS: String(members),
    BENCH_AUTH_METHOD: authMethod,
    DATA_DIR: dataDir,
    NODE_ENV: "test",
    // tsx reads the root tsconfig.json, a solution file that compiles nothing itself: the portal's JSX settings.
    TSX_TSCONFIG_PATH: path.join(import.meta.dirname, "../../portal/tsconfig.json"),
  };
  delete env.DATABASE_URL; // SQLite in DATA_DIR: the default deployment
  delete env.PORTAL_ORIGIN;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "portal-process.ts")],
    { env, stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<Omit<PortalChild, "stop">>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (line.startsWith("{")) {
        const parsed = JSON.parse(line) as Omit<PortalChild, "stop"> & { ready?: boolean };
        if (parsed.ready) resolve(parsed);
      }
    });
    child.once("exit", (code) => reject(new Error(`bench portal exited early (code ${code})`)));
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...ready,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
