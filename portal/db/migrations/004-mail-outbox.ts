// The mail outbox: every mail is written here in the transaction of the change that needs it, and sent by a
// worker in each instance (mail/outbox-worker.ts). The body (address, subject, text with its live link or
// code) is sealed with the secret box and dropped once the message is sent or given up.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "varchar(36)", (col) => col.primaryKey())
    .addColumn("kind", "varchar(32)", (col) => col.notNull())
    .addColumn("ref", "varchar(200)")
    .addColumn("member_id", "varchar(36)")
    .addColumn("body_sealed", "text")
    .addColumn("status", "varchar(16)", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("next_attempt_at", "bigint", (col) => col.notNull())
    .addColumn("claim_token", "varchar(64)")
    .addColumn("claimed_until", "bigint")
    .addColumn("discard_after", "bigint")
    .addColumn("last_error", "varchar(300)")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("sent_at", "bigint")
    .execute();
  await db.schema
    .createIndex("mail_outbox_due")
    .on("mail_outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema.createIndex("mail_outbox_ref").on("mail_outbox").columns(["ref", "created_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mail_outbox").execute();
}
