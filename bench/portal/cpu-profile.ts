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

const TICK_MICROS = 10_000; // Linux reports per-thread times in clock ticks of 10 ms (USER_HZ 100)

/**
 * CPU time (µs, user + system) this process has used so far on its main thread (the event loop) and on all
 * its other threads together. Per-thread figures come in 10 ms ticks: meaningful over a second or more.
 * Null where /proc is not there (not Linux).
 */
export function threadCpuMicros(): { main: number; others: number } | null {
  try {
    let main = 0;
    let others = 0;
    for (const tid of readdirSync("/proc/self/task")) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) in parentheses; utime and stime are 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number(tid) === process.pid) main += ticks * TICK_MICROS;
      else others += ticks * TICK_MICROS;
    }
    return { main, others };
  } catch {
    return null;
  }
}
