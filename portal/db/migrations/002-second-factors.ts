// Second factors: TOTP devices (+ pending enrolments), passkeys, WebAuthn challenges, mail codes, and the
// time of the last re-authentication per session. Schema builder only, for SQLite and PostgreSQL alike.
import type { Kysely } from "kysely";
import {
  createdAt,
  createFactorTable,
  createIndex,
  createMemberIndex,
  factorTimes,
  lifetime,
  memberId,
  sessionIdKey,
} from "./columns";

export async function up(db: Kysely<unknown>): Promise<void> {
  await createFactorTable(db, "totp_devices")
    .addColumn("secret_sealed", "varchar(255)", (col) => col.notNull())
    .addColumn("last_used_step", "bigint")
    .$call(factorTimes)
    .execute();
  await createMemberIndex(db, "totp_devices");

  await db.schema
    .createTable("totp_enrollments")
    .$call(sessionIdKey)
    .$call(memberId)
    .addColumn("secret_sealed", "varchar(255)", (col) => col.notNull())
    .$call(lifetime)
    .execute();

  await createFactorTable(db, "passkeys")
    .addColumn("credential_id", "varchar(1400)", (col) => col.notNull().unique())
    .addColumn("public_key", "varchar(2048)", (col) => col.notNull())
    .addColumn("counter", "bigint", (col) => col.notNull())
    .addColumn("transports", "varchar(200)", (col) => col.notNull())
    .addColumn("user_handle", "varchar(64)", (col) => col.notNull())
    .addColumn("backed_up", "integer", (col) => col.notNull())
    .$call(factorTimes)
    .execute();
  await createMemberIndex(db, "passkeys");

  await db.schema
    .createTable("webauthn_challenges")
    .addColumn("challenge", "varchar(64)", (col) => col.primaryKey())
    .addColumn("binding", "varchar(100)", (col) => col.notNull())
    .addColumn("purpose", "varchar(16)", (col) => col.notNull())
    .$call(createdAt)
    .execute();
  await createIndex(db, "webauthn_challenges_binding_idx", "webauthn_challenges", ["binding"]);

  await db.schema
    .createTable("mail_otp_codes")
    .$call(sessionIdKey)
    .$call(memberId)
    .addColumn("code_hash", "varchar(64)", (col) => col.notNull())
    .addColumn("code_sealed", "varchar(255)", (col) => col.notNull())
    .$call(lifetime)
    .addColumn("last_sent_at", "bigint", (col) => col.notNull())
    .addColumn("wrong_tries", "integer", (col) => col.notNull())
    .addColumn("consumed_at", "bigint")
    .execute();

  await db.schema
    .createTable("recent_authentications")
    .$call(sessionIdKey)
    .addColumn("authenticated_at", "bigint", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "recent_authentications",
    "mail_otp_codes",
    "webauthn_challenges",
    "passkeys",
    "totp_enrollments",
    "totp_devices",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
