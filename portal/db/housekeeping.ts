// Housekeeping deletes: sessions past their limits, long-expired mail links and forgotten limiter attempts,
// so tables do not grow without bound. The limits are the auth rules' and arrive as arguments.
import type { Kysely } from "kysely";
import { purgeAttempts } from "./attempts";
import { purgeSettledOutboxMails } from "./mail-outbox";
import type { Database } from "./schema";

export async function purgeExpiredRows(
  db: Kysely<Database>,
  limits: {
    at: number;
    /** Sessions without ログイン状態の保存 idle this long are over. */
    sessionIdleMs: number;
    /** Mail links are kept this long after they expired. */
    linkRetentionMs: number;
    /** Limiter attempts older than this are forgotten. */
    attemptResetAfterMs: number;
  },
): Promise<void> {
  const { at } = limits;
  await db.deleteFrom("sessions").where("expires_at", "<=", at).execute();
  await db
    .deleteFrom("sessions")
    .where("remember", "=", 0)
    .where("last_seen_at", "<=", at - limits.sessionIdleMs)
    .execute();
  for (const table of ["email_verifications", "password_resets"] as const) {
    await db
      .deleteFrom(table)
      .where("expires_at", "<=", at - limits.linkRetentionMs)
      .execute();
  }
  await purgeAttempts(db, at, limits.attemptResetAfterMs);
  // Sent and failed mails (their bodies already dropped) are kept as long as the links were.
  await purgeSettledOutboxMails(db, at - limits.linkRetentionMs);
}
