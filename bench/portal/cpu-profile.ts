// Where a portal process's CPU goes, from inside that process: the V8 sampling profiler's top self-time
// functions (main thread only), and the CPU time of the main thread apart from all the others (libuv's pool,
// where Argon2id runs, and V8's helper threads) as Linux accounts it per thread.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

/** better-sqlite3's native functions, named for readers of the report. */
const NATIVE_NAMES: Record<string, string> = {
  Statement:
    "Statement (better-sqlite3: preparing a statement — Kysely's SQLite driver prepares every query anew)",
  all: "all (better-sqlite3: running a read query)",
  run: "run (better-sqlite3: running a write)",
};

/**
 * Starts the sampling profiler; stop() answers the `top` functions by self time, as "12.3 % name (file)", and
 * writes the whole profile to `save` if given (a .cpuprofile file for Chrome DevTools).
 */
export async function startProfile(): Promise<{ stop(top?: number, save?: string): Promise<string[]> }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  return {
    async stop(top = 8, save?: string) {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      if (save) writeFileSync(save, JSON.stringify(profile));
      const self = new Map<string, number>();
      const ticks = new Map<number, number>();
      for (const id of profile.samples ?? []) ticks.set(id, (ticks.get(id) ?? 0) + 1);
      let total = 0;
      for (const node of profile.nodes) {
        const count = ticks.get(node.id) ?? 0;
        const name = node.callFrame.functionName || "(anonymous)";
        if (name === "(idle)") continue; // waiting for I/O: not CPU
        total += count;
        const file = node.callFrame.url
          .replace(/^file:\/\//, "")
          .replace(/^.*node_modules\//, "")
          .replace(/^.*\/(portal|bench|tests)\//, "$1/");
        const key = file ? `${name} (${file})` : (NATIVE_NAMES[name] ?? name);
        self.set(key, (self.get(key) ?? 0) + count);
      }
      return [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([key, count]) => `${((100 * count) / Math.max(1, total)).toFixed(1)} % ${key}`);
    },
  };
}

/** The top self-time functions while `work` runs. */
export async function profileOf(work: () => Promise<void>): Promise<string[]> {
  const profile = await startProfile();
  await work();
  return profile.stop();
}

/**
 * CPU time (µs) this process has used so far on its main thread (the event loop) and on all its other threads
 * together (libuv's pool, V8's helpers), from Linux's per-thread scheduler statistics (nanoseconds run).
 * Null where they are not there (not Linux).
 */
export function threadCpuMicros(): { main: number; others: number } | null {
  try {
    let main = 0;
    let others = 0;
    for (const tid of readdirSync("/proc/self/task")) {
      const ranNs = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      if (Number(tid) === process.pid) main += ranNs / 1000;
      else others += ranNs / 1000;
    }
    return { main, others };
  } catch {
    return null;
  }
}
