// Members, sessions, throttling, security events, single-use mail links and notices.
// Schema builder only (no dialect SQL) so the same migration runs on SQLite and PostgreSQL.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("members")
    .addColumn("id", "varchar(36)", (col) => col.primaryKey())
    .addColumn("user_id", "varchar(64)", (col) => col.notNull().unique())
    .addColumn("name", "varchar(200)", (col) => col.notNull())
    .addColumn("birth_date", "varchar(10)", (col) => col.notNull())
    .addColumn("password_hash", "varchar(255)", (col) => col.notNull())
    .addColumn("password_is_initial", "integer", (col) => col.notNull())
    .addColumn("email", "varchar(254)")
    .addColumn("pending_email", "varchar(254)")
    .addColumn("email_verified_at", "bigint")
    .addColumn("birth_date_confirmed_at", "bigint")
    .addColumn("terms_accepted_at", "bigint")
    .addColumn("auth_method", "varchar(16)")
    .addColumn("password_changed_at", "bigint")
    .addColumn("first_login_completed_at", "bigint")
    .addColumn("locale", "varchar(8)")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("members_email_idx").on("members").column("email").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "varchar(64)", (col) => col.primaryKey())
    .addColumn("member_id", "varchar(36)", (col) =>
      col.notNull().references("members.id").onDelete("cascade"),
    )
    .addColumn("level", "varchar(16)", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_seen_at", "bigint", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addColumn("remember", "integer", (col) => col.notNull())
    .addColumn("user_agent", "varchar(512)")
    .addColumn("ip", "varchar(64)")
    .execute();
  await db.schema.createIndex("sessions_member_idx").on("sessions").column("member_id").execute();

  await db.schema
    .createTable("throttle")
    .addColumn("scope", "varchar(32)", (col) => col.notNull())
    .addColumn("key", "varchar(200)", (col) => col.notNull())
    .addColumn("failures", "integer", (col) => col.notNull())
    .addColumn("last_failure_at", "bigint", (col) => col.notNull())
    .addColumn("blocked_until", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("throttle_pk", ["scope", "key"])
    .execute();

  await db.schema
    .createTable("security_events")
    .addColumn("id", "varchar(36)", (col) => col.primaryKey())
    .addColumn("member_id", "varchar(36)", (col) =>
      col.notNull().references("members.id").onDelete("cascade"),
    )
    .addColumn("type", "varchar(64)", (col) => col.notNull())
    .addColumn("ip", "varchar(64)")
    .addColumn("detail", "varchar(1000)")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("security_events_member_idx")
    .on("security_events")
    .columns(["member_id", "created_at"])
    .execute();

  for (const table of ["email_verifications", "password_resets"] as const) {
    let builder = db.schema
      .createTable(table)
      .addColumn("token_hash", "varchar(64)", (col) => col.primaryKey())
      .addColumn("member_id", "varchar(36)", (col) =>
        col.notNull().references("members.id").onDelete("cascade"),
      );
    if (table === "email_verifications")
      builder = builder.addColumn("email", "varchar(254)", (col) => col.notNull());
    await builder
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .addColumn("used_at", "bigint")
      .execute();
    await db.schema.createIndex(`${table}_member_idx`).on(table).column("member_id").execute();
  }

  await db.schema
    .createTable("notices")
    .addColumn("id", "varchar(36)", (col) => col.primaryKey())
    .addColumn("body", "varchar(2000)", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "notices",
    "password_resets",
    "email_verifications",
    "security_events",
    "throttle",
    "sessions",
    "members",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
