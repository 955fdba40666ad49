// Storage of the mail outbox (migration 004). A message is claimed by one conditional UPDATE … RETURNING
// that sets a claim token and a lease: of several instances (or several workers of one) exactly one gets it,
// on PostgreSQL without waiting on rows another transaction holds (FOR UPDATE SKIP LOCKED), and a claim whose
// lease ran out (its instance died mid-send) can be taken again. Only the holder of the claim token can then
// mark it sent, retried or failed. The rules (back-off, how many tries) are mail/outbox-worker.ts's.
import { type ExpressionBuilder, type Kysely, PostgresAdapter, sql } from "kysely";
import type { Database, OutboxMail, OutboxStatus } from "./schema";

export async function insertOutboxMail(
  db: Kysely<Database>,
  row: {
    id: string;
    kind: string;
    ref: string | null;
    memberId: string | null;
    bodySealed: string;
    discardAfter: number | null;
    at: number;
  },
): Promise<void> {
  await db
    .insertInto("mail_outbox")
    .values({
      id: row.id,
      kind: row.kind,
      ref: row.ref,
      member_id: row.memberId,
      body_sealed: row.bodySealed,
      status: "pending",
      attempts: 0,
      next_attempt_at: row.at,
      claim_token: null,
      claimed_until: null,
      discard_after: row.discardAfter,
      last_error: null,
      created_at: row.at,
      sent_at: null,
    })
    .execute();
}

/**
 * Claims up to `limit` due messages for one sender: pending ones whose time has come, and "sending" ones whose
 * lease expired. Each claim counts an attempt. One statement, so two claimers never get the same row.
 */
export async function claimDueMails(
  db: Kysely<Database>,
  input: { at: number; leaseMs: number; limit: number; token: string },
): Promise<OutboxMail[]> {
  let due = db
    .selectFrom("mail_outbox")
    .select("id")
    .where((eb) => isDue(eb, input.at))
    .orderBy("next_attempt_at")
    .limit(input.limit);
  if (db.getExecutor().adapter instanceof PostgresAdapter) due = due.forUpdate().skipLocked();
  const claimed = await db
    .updateTable("mail_outbox")
    .set((eb) => ({
      status: "sending",
      claim_token: input.token,
      claimed_until: input.at + input.leaseMs,
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "in", due)
    // Re-checked on the row itself: on PostgreSQL a row changed since the subquery read it is skipped.
    .where((eb) => isDue(eb, input.at))
    .returningAll()
    .execute();
  return claimed.sort((a, b) => Number(a.next_attempt_at) - Number(b.next_attempt_at));
}

/** Pending and its time has come, or claimed by a sender whose lease has run out. */
function isDue(eb: ExpressionBuilder<Database, "mail_outbox">, at: number) {
  return eb.or([
    eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", at)]),
    eb.and([eb("status", "=", "sending"), eb("claimed_until", "<=", at)]),
  ]);
}

/** Sent: the body (live link or code) is dropped. False when the claim was lost (lease expired, re-claimed). */
export async function markMailSent(
  db: Kysely<Database>,
  input: { id: string; token: string; at: number },
): Promise<boolean> {
  return settle(db, input, { status: "sent", body_sealed: null, sent_at: input.at, last_error: null });
}

/** Not sent this time: back to pending, tried again at `nextAttemptAt`. */
export async function markMailRetry(
  db: Kysely<Database>,
  input: { id: string; token: string; nextAttemptAt: number; error: string },
): Promise<boolean> {
  return settle(db, input, {
    status: "pending",
    next_attempt_at: input.nextAttemptAt,
    last_error: input.error.slice(0, 300),
  });
}

/** Given up (too many attempts, or unreadable): kept for the operator without its body. */
export async function markMailFailed(
  db: Kysely<Database>,
  input: { id: string; token: string; error: string },
): Promise<boolean> {
  return settle(db, input, { status: "failed", body_sealed: null, last_error: input.error.slice(0, 300) });
}

async function settle(
  db: Kysely<Database>,
  claim: { id: string; token: string },
  changes: Partial<Omit<OutboxMail, "id">>,
): Promise<boolean> {
  const result = await db
    .updateTable("mail_outbox")
    .set({ ...changes, claim_token: null, claimed_until: null })
    .where("id", "=", claim.id)
    .where("status", "=", "sending")
    .where("claim_token", "=", claim.token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Waiting messages whose link or code has expired are given up unsent (their body dropped). */
export async function discardExpiredMails(db: Kysely<Database>, at: number): Promise<number> {
  const result = await db
    .updateTable("mail_outbox")
    .set({ status: "failed", body_sealed: null, last_error: "expired before it could be sent" })
    .where("status", "=", "pending")
    .where("discard_after", "<=", at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The newest message of `ref` (e.g. the confirmation mail of a member): what the member's screen reports. */
export function latestOutboxMail(db: Kysely<Database>, ref: string) {
  return db
    .selectFrom("mail_outbox")
    .select(["id", "status", "attempts", "created_at", "sent_at"])
    .where("ref", "=", ref)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

/** 再送信 while a message of `ref` still waits: try it now instead of queueing a second copy. */
export async function retryOutboxMailNow(db: Kysely<Database>, ref: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable("mail_outbox")
    .set({ next_attempt_at: at })
    .where("ref", "=", ref)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many messages are in each state (what an operator watches). */
export async function countOutboxMails(db: Kysely<Database>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom("mail_outbox")
    .select(["status", sql<number>`count(*)`.as("count")])
    .groupBy("status")
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** Failed messages, newest first, without bodies (the operator's view). */
export function listFailedOutboxMails(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom("mail_outbox")
    .select(["id", "kind", "member_id", "attempts", "last_error", "created_at"])
    .where("status", "=", "failed")
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/** Sent and failed messages (bodies already dropped) are forgotten after `retentionMs`. */
export async function purgeSettledOutboxMails(db: Kysely<Database>, before: number): Promise<void> {
  await db
    .deleteFrom("mail_outbox")
    .where("status", "in", ["sent", "failed"])
    .where("created_at", "<=", before)
    .execute();
}
