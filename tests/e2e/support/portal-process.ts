// A real portal process, started as an operator starts it (portal/server.ts's main, as `npm start` does after
// the build): its own DATA_DIR, port 0, the environment given. Signals reach it as they would in production;
// the tests read its exit code and what it printed. Several of them on one DATABASE_URL are a cluster.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");

export interface PortalProcess {
  /** Its PORTAL_ORIGIN as it printed it (http://localhost:<port> unless the environment sets one). */
  origin: string;
  port: number;
  child: ChildProcess;
  dataDir: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGKILL if still running, then remove DATA_DIR. */
  kill(): Promise<void>;
}

export async function startPortalProcess(env: Record<string, string>): Promise<PortalProcess> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "kosmo-process-"));
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "test",
    PORT: "0",
    MAIL_CATCHER_PORT: "0",
    DATA_DIR: dataDir,
    ...env,
  };
  delete childEnv.TEST_STORE; // the portal itself knows nothing of the tests' store switch
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "portal/server.ts")], {
    cwd: root,
    env: { ...childEnv, TSX_TSCONFIG_PATH: path.join(root, "portal/tsconfig.json") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const [origin, port] = await new Promise<[string, number]>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /KOSMO Web portal: (\S+) {2}\(listening on port (\d+)/.exec(printed);
      if (match) {
        clearInterval(timer);
        resolve([match[1] as string, Number(match[2])]);
      }
    }, 50);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`portal process exited early (code ${code}):\n${printed}`));
    });
  });
  return {
    origin,
    port,
    child,
    dataDir,
    output: () => printed,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
