// The limiter's storage: one row per (scope, key). An attempt is TAKEN by one conditional upsert before it is
// judged — it counts only while the key is not blocked, and the same statement sets the next wait — so
// concurrent requests (or two instances) can never have more attempts judged than the schedule allows.
import { type Kysely, type RawBuilder, sql } from "kysely";
import { reusableQuery } from "./reusable-query";
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

type TakeInput = { scope: string; key: string; at: number };

/**
 * The conditional upsert for one schedule, compiled once per database (a sign-in takes two attempts: its SQL
 * must not be built, compiled and prepared anew each time). `at` is a parameter cast to BIGINT: PostgreSQL
 * would otherwise type it by the integer constants beside it, and epoch milliseconds overflow int4.
 */
function takeQueryFor(schedule: WaitSchedule) {
  return reusableQuery<TakeInput>()((_db: Kysely<Database>, param) => {
    const at = sql<number>`CAST(${param("at")} AS BIGINT)`;
    const stale = sql`attempts.last_failure_at <= ${at} - ${int(schedule.resetAfterMs)}`;
    const next = sql<number>`(CASE WHEN ${stale} THEN 1 ELSE attempts.failures + 1 END)`;
    return sql<{ failures: number }>`
      INSERT INTO attempts (scope, "key", failures, last_failure_at, blocked_until)
      VALUES (${param("scope")}, ${param("key")}, 1, ${at}, ${blockedUntil(sql.lit(1), at, schedule)})
      ON CONFLICT (scope, "key") DO UPDATE SET
        failures = ${next},
        last_failure_at = ${at},
        blocked_until = ${blockedUntil(next, at, schedule)}
      WHERE attempts.blocked_until <= ${at}
      RETURNING failures`;
  });
}

const takeQueries = new WeakMap<WaitSchedule, ReturnType<typeof takeQueryFor>>();

/**
 * Counts one attempt for the key unless it is blocked at `at`. Returns the number of attempts counted in
 * the current window (this one included), or null when the key is blocked (nothing counted).
 */
export async function takeAttempt(
  db: Kysely<Database>,
  input: TakeInput,
  schedule: WaitSchedule,
): Promise<number | null> {
  if (!Number.isSafeInteger(input.at)) throw new Error(`not an integer: ${input.at}`);
  let query = takeQueries.get(schedule);
  if (!query) {
    query = takeQueryFor(schedule);
    takeQueries.set(schedule, query);
  }
  const row = (await query(db, input))[0];
  return row ? Number(row.failures) : null;
}

type KeyInput = { scope: string; key: string };

// Every successful sign-in clears its account and refunds its client: compiled once.
const clearQuery = reusableQuery<KeyInput>()((db: Db, param) =>
  db.deleteFrom("attempts").where("scope", "=", param("scope")).where("key", "=", param("key")),
);
const refundQuery = reusableQuery<KeyInput>()((db: Db, param) =>
  db
    .updateTable("attempts")
    .set((eb) => ({ failures: eb("failures", "-", sql.lit(1)) }))
    .where("scope", "=", param("scope"))
    .where("key", "=", param("key"))
    .where("failures", ">", sql.lit(0)),
);

/** Success proves the secret: the key's count starts again. */
export async function clearAttempts(db: Db, scope: string, key: string): Promise<void> {
  await clearQuery(db, { scope, key });
}

/** Gives one counted attempt back (it succeeded, or another key refused it before it was judged). */
export async function refundAttempt(db: Db, scope: string, key: string): Promise<void> {
  await refundQuery(db, { scope, key });
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
