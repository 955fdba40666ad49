// The mail outbox: every mail is written here in the transaction of the change that needs it, and sent by a
// worker in each instance (mail/outbox-worker.ts). The body (address, subject, text with its live link or
// code) is sealed with the secret box and dropped once the message is sent or given up.
import type { CreateTableBuilder, Kysely } from "kysely";
import { createdAt, createIndex, idKey } from "./columns";

type Table = CreateTableBuilder<string, string>;

/** What a message is: its kind, what it is about (`ref`, to find it again), its member if any, its sealed body. */
const message = (table: Table) =>
  table
    .addColumn("kind", "varchar(32)", (col) => col.notNull())
    .addColumn("ref", "varchar(200)")
    .addColumn("member_id", "varchar(36)")
    .addColumn("body_sealed", "text");

/** Where a message is: pending, sending, sent or failed, after how many tries, and when it is next due. */
const deliveryState = (table: Table) =>
  table
    .addColumn("status", "varchar(16)", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("next_attempt_at", "bigint", (col) => col.notNull());

/** An instance's claim on a message while it sends it; a dead instance's claim runs out. */
const claim = (table: Table) =>
  table.addColumn("claim_token", "varchar(64)").addColumn("claimed_until", "bigint");

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mail_outbox")
    .$call(idKey)
    .$call(message)
    .$call(deliveryState)
    .$call(claim)
    .addColumn("discard_after", "bigint")
    .addColumn("last_error", "varchar(300)")
    .$call(createdAt)
    .addColumn("sent_at", "bigint")
    .execute();
  await createIndex(db, "mail_outbox_due", "mail_outbox", ["status", "next_attempt_at"]);
  await createIndex(db, "mail_outbox_ref", "mail_outbox", ["ref", "created_at"]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mail_outbox").execute();
}
