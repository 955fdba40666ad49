// Storage of mail codes: one row per sign-in attempt; tries and use recorded with conditional updates. The
// rules (lifetime, how many wrong tries) are auth/mail-otp.ts's; the limit arrives as an argument.
import type { Kysely } from "kysely";
import { changedOneRow } from "./changed-one-row";
import type { Database, MailOtpCode } from "./schema";
import { inTransaction } from "./transaction";

export function findMailOtp(db: Kysely<Database>, sessionId: string): Promise<MailOtpCode | undefined> {
  return db.selectFrom("mail_otp_codes").selectAll().where("session_id", "=", sessionId).executeTakeFirst();
}

/** Replaces any earlier code of this attempt. */
export async function saveMailOtp(db: Kysely<Database>, row: MailOtpCode): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("mail_otp_codes").where("session_id", "=", row.session_id).execute();
    await trx.insertInto("mail_otp_codes").values(row).execute();
  });
}

export async function markMailOtpResent(db: Kysely<Database>, sessionId: string, at: number): Promise<void> {
  await db
    .updateTable("mail_otp_codes")
    .set({ last_sent_at: at })
    .where("session_id", "=", sessionId)
    .execute();
}

/**
 * Takes one try on the code before it is compared: counts it only while the code is unused, unexpired and
 * below `maxTries`. Returns the row after the update (its wrong_tries includes this try), or undefined when
 * no try was left — then the code must not be compared at all.
 */
export function takeMailOtpTry(
  db: Kysely<Database>,
  input: { sessionId: string; at: number; maxTries: number },
): Promise<MailOtpCode | undefined> {
  return db
    .updateTable("mail_otp_codes")
    .set((eb) => ({ wrong_tries: eb("wrong_tries", "+", 1) }))
    .where("session_id", "=", input.sessionId)
    .where("wrong_tries", "<", input.maxTries)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", input.at)
    .returningAll()
    .executeTakeFirst();
}

/** Single use: only the first caller marks the code used. */
export async function consumeMailOtp(db: Kysely<Database>, sessionId: string, at: number): Promise<boolean> {
  return changedOneRow(
    db
      .updateTable("mail_otp_codes")
      .set({ consumed_at: at })
      .where("session_id", "=", sessionId)
      .where("consumed_at", "is", null),
  );
}
