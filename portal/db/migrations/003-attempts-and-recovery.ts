// The limiter's attempts table (replaces `throttle`: an attempt is now counted before it is judged), the
// sealed copy of a live password-reset token (so a repeated request re-sends that link instead of replacing
// it), and the per-member record of recovery mails (cooldown and daily cap).
import type { Kysely } from "kysely";
import { createAttemptsTable, memberId } from "./columns";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("throttle").execute();
  await createAttemptsTable(db, "attempts");

  await db.schema.alterTable("password_resets").addColumn("token_sealed", "varchar(255)").execute();

  await db.schema
    .createTable("recovery_mails")
    .$call(memberId)
    .addColumn("kind", "varchar(16)", (col) => col.notNull())
    .addColumn("last_sent_at", "bigint", (col) => col.notNull())
    .addColumn("window_started_at", "bigint", (col) => col.notNull())
    .addColumn("sent_in_window", "integer", (col) => col.notNull())
    .addPrimaryKeyConstraint("recovery_mails_pk", ["member_id", "kind"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("recovery_mails").execute();
  await db.schema.alterTable("password_resets").dropColumn("token_sealed").execute();
  await db.schema.dropTable("attempts").execute();
  await createAttemptsTable(db, "throttle");
}
