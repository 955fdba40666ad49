// Housekeeping run at start-up and every hour: drop sessions past their limits, used or expired mail links
// and forgotten limiter entries, so tables do not grow without bound.

import { memberRule } from "./auth/limiter";
import { IDLE_TIMEOUT_MS } from "./auth/session";
import { purgeAttempts } from "./db/attempts";
import type { Deps } from "./deps";
import { now } from "./deps";

const LINK_RETENTION_MS = 7 * 24 * 60 * 60_000;

export async function purgeExpired(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const at = now(deps);
  await deps.db.deleteFrom("sessions").where("expires_at", "<=", at).execute();
  await deps.db
    .deleteFrom("sessions")
    .where("remember", "=", 0)
    .where("last_seen_at", "<=", at - IDLE_TIMEOUT_MS)
    .execute();
  for (const table of ["email_verifications", "password_resets"] as const) {
    await deps.db
      .deleteFrom(table)
      .where("expires_at", "<=", at - LINK_RETENTION_MS)
      .execute();
  }
  await purgeAttempts(deps.db, at, memberRule.resetAfterMs);
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
