// Members, sessions, throttling, security events, single-use mail links and notices.
// Schema builder only (no dialect SQL) so the same migration runs on SQLite and PostgreSQL.
import type { Kysely } from "kysely";
import {
  createAttemptsTable,
  createdAt,
  createIndex,
  createMemberIndex,
  idKey,
  lifetime,
  memberId,
  memberRowKeys,
} from "./columns";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("members")
    .$call(idKey)
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
    .$call(createdAt)
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await createIndex(db, "members_email_idx", "members", ["email"]);

  await db.schema
    .createTable("sessions")
    .addColumn("id", "varchar(64)", (col) => col.primaryKey())
    .$call(memberId)
    .addColumn("level", "varchar(16)", (col) => col.notNull())
    .$call(createdAt)
    .addColumn("last_seen_at", "bigint", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addColumn("remember", "integer", (col) => col.notNull())
    .addColumn("user_agent", "varchar(512)")
    .addColumn("ip", "varchar(64)")
    .execute();
  await createMemberIndex(db, "sessions");

  await createAttemptsTable(db, "throttle");

  await db.schema
    .createTable("security_events")
    .$call(memberRowKeys)
    .addColumn("type", "varchar(64)", (col) => col.notNull())
    .addColumn("ip", "varchar(64)")
    .addColumn("detail", "varchar(1000)")
    .$call(createdAt)
    .execute();
  await createIndex(db, "security_events_member_idx", "security_events", ["member_id", "created_at"]);

  for (const table of ["email_verifications", "password_resets"] as const) {
    let builder = db.schema
      .createTable(table)
      .addColumn("token_hash", "varchar(64)", (col) => col.primaryKey())
      .$call(memberId);
    if (table === "email_verifications")
      builder = builder.addColumn("email", "varchar(254)", (col) => col.notNull());
    await builder.$call(lifetime).addColumn("used_at", "bigint").execute();
    await createMemberIndex(db, table);
  }

  await db.schema
    .createTable("notices")
    .$call(idKey)
    .addColumn("body", "varchar(2000)", (col) => col.notNull())
    .$call(createdAt)
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
