// Housekeeping run at start-up and every hour: drop sessions past their limits, used or expired mail links
// and forgotten limiter entries, so tables do not grow without bound.
import { memberRule } from "./auth/limiter";
import { IDLE_TIMEOUT_MS } from "./auth/session";
import { purgeExpiredRows } from "./db/housekeeping";
import type { Deps } from "./deps";
import { now } from "./deps";

const LINK_RETENTION_MS = 7 * 24 * 60 * 60_000;

export async function purgeExpired(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  await purgeExpiredRows(deps.db, {
    at: now(deps),
    sessionIdleMs: IDLE_TIMEOUT_MS,
    linkRetentionMs: LINK_RETENTION_MS,
    attemptResetAfterMs: memberRule.resetAfterMs,
  });
}

/** Runs `purgeExpired` every hour (start-up runs it once itself); the timer never keeps the process alive. */
export function startMaintenance(deps: Pick<Deps, "db" | "clock">): () => void {
  const run = () => {
    purgeExpired(deps).catch((error: unknown) => {
      console.error("maintenance failed:", error instanceof Error ? error.message : error);
    });
  };
  const timer = setInterval(run, 60 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
