// The limiter's storage: one row per (scope, key). An attempt is TAKEN by one conditional upsert before it is
// judged — it counts only while the key is not blocked, and the same statement sets the next wait — so
// concurrent requests (or two instances) can never have more attempts judged than the schedule allows.
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "./schema";

type Db = Pick<Kysely<Database>, "deleteFrom" | "updateTable" | "executeQuery" | "selectFrom">;

/** The wait after the n-th counted attempt: 0 below `freeFailures`, then waits[i] for n = freeFailures + i. */
export interface WaitSchedule {
  freeFailures: number;
  /** Waits in ms for the attempts from `freeFailures` on; the last one applies to every later attempt. */
  waits: readonly number[];
  /** Attempts older than this are forgotten: the next one counts as the first. */
  resetAfterMs: number;
}

function int(value: number): RawBuilder<number> {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return sql.lit(value);
}

/** CASE expression: the wait after `failures` counted attempts, with the schedule's constants inlined. */
function waitAfter(failures: RawBuilder<number>, schedule: WaitSchedule): RawBuilder<number> {
  const steps = schedule.waits.map(
    (wait, i) => sql`WHEN ${failures} = ${int(schedule.freeFailures + i)} THEN ${int(wait)}`,
  );
  const last = schedule.waits.at(-1) ?? 0;
  return sql<number>`CASE WHEN ${failures} < ${int(schedule.freeFailures)} THEN 0 ${sql.join(steps, sql` `)} ELSE ${int(last)} END`;
}

/**
 * When the key stays blocked after `failures` counted attempts: 0 (never) while they are free. Not `at`: requests
 * read the clock before their write, and the writes of concurrent ones (or of two instances) land in any order;
 * a free attempt stamped "now" would block a request whose reading was a millisecond earlier.
 */
function blockedUntil(failures: RawBuilder<number>, at: RawBuilder<number>, schedule: WaitSchedule) {
  return sql<number>`(CASE WHEN ${failures} < ${int(schedule.freeFailures)} THEN 0 ELSE ${at} + ${waitAfter(failures, schedule)} END)`;
}

/**
 * Counts one attempt for the key unless it is blocked at `at`. Returns the number of attempts counted in
 * the current window (this one included), or null when the key is blocked (nothing counted).
 */
export async function takeAttempt(
  db: Kysely<Database>,
  input: { scope: string; key: string; at: number },
  schedule: WaitSchedule,
): Promise<number | null> {
  const at = int(input.at);
  const stale = sql`attempts.last_failure_at <= ${at} - ${int(schedule.resetAfterMs)}`;
  const next = sql<number>`(CASE WHEN ${stale} THEN 1 ELSE attempts.failures + 1 END)`;
  const result = await sql<{ failures: number }>`
    INSERT INTO attempts (scope, "key", failures, last_failure_at, blocked_until)
    VALUES (${input.scope}, ${input.key}, 1, ${at}, ${blockedUntil(sql.lit(1), at, schedule)})
    ON CONFLICT (scope, "key") DO UPDATE SET
      failures = ${next},
      last_failure_at = ${at},
      blocked_until = ${blockedUntil(next, at, schedule)}
    WHERE attempts.blocked_until <= ${at}
    RETURNING failures`.execute(db);
  const row = result.rows[0];
  return row ? Number(row.failures) : null;
}

/** Success proves the secret: the key's count starts again. */
export async function clearAttempts(db: Db, scope: string, key: string): Promise<void> {
  await db.deleteFrom("attempts").where("scope", "=", scope).where("key", "=", key).execute();
}

/** Gives one counted attempt back (it succeeded, or another key refused it before it was judged). */
export async function refundAttempt(db: Db, scope: string, key: string): Promise<void> {
  await db
    .updateTable("attempts")
    .set((eb) => ({ failures: eb("failures", "-", 1) }))
    .where("scope", "=", scope)
    .where("key", "=", key)
    .where("failures", ">", 0)
    .execute();
}

/** How long the key stays blocked from `at` (0 = not blocked). */
export async function blockedFor(db: Db, scope: string, key: string, at: number): Promise<number> {
  const row = await db
    .selectFrom("attempts")
    .select("blocked_until")
    .where("scope", "=", scope)
    .where("key", "=", key)
    .executeTakeFirst();
  return row ? Math.max(0, Number(row.blocked_until) - at) : 0;
}

/** Housekeeping: rows neither blocking nor remembered any more. */
export async function purgeAttempts(db: Db, at: number, resetAfterMs: number): Promise<void> {
  await db
    .deleteFrom("attempts")
    .where("blocked_until", "<=", at)
    .where("last_failure_at", "<=", at - resetAfterMs)
    .execute();
}
