// The limiter's attempts table (replaces `throttle`: an attempt is now counted before it is judged), the
// sealed copy of a live password-reset token (so a repeated request re-sends that link instead of replacing
// it), and the per-member record of recovery mails (cooldown and daily cap).
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("throttle").execute();
  await db.schema
    .createTable("attempts")
    .addColumn("scope", "varchar(32)", (col) => col.notNull())
    .addColumn("key", "varchar(200)", (col) => col.notNull())
    .addColumn("failures", "integer", (col) => col.notNull())
    .addColumn("last_failure_at", "bigint", (col) => col.notNull())
    .addColumn("blocked_until", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("attempts_pk", ["scope", "key"])
    .execute();

  await db.schema.alterTable("password_resets").addColumn("token_sealed", "varchar(255)").execute();

  await db.schema
    .createTable("recovery_mails")
    .addColumn("member_id", "varchar(36)", (col) =>
      col.notNull().references("members.id").onDelete("cascade"),
    )
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
  await db.schema
    .createTable("throttle")
    .addColumn("scope", "varchar(32)", (col) => col.notNull())
    .addColumn("key", "varchar(200)", (col) => col.notNull())
    .addColumn("failures", "integer", (col) => col.notNull())
    .addColumn("last_failure_at", "bigint", (col) => col.notNull())
    .addColumn("blocked_until", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("throttle_pk", ["scope", "key"])
    .execute();
}
