// Column sets that several tables share, for the migrations' schema builders (`.$call(memberId)`). Not a
// migration itself: migrate.ts lists the migrations by name. What they build must stay exactly the SQL the
// migrations built when they were written, since deployed databases ran it already.
import type { CreateTableBuilder, Kysely } from "kysely";

type Table = CreateTableBuilder<string, string>;

/** A random UUID as the key. */
export const idKey = (table: Table) => table.addColumn("id", "varchar(36)", (col) => col.primaryKey());

/** The owning member; the row goes when the member goes. */
export const memberId = (table: Table) =>
  table.addColumn("member_id", "varchar(36)", (col) =>
    col.notNull().references("members.id").onDelete("cascade"),
  );

/** A random UUID as the key, and the owning member. */
export const memberRowKeys = (table: Table) => table.$call(idKey).$call(memberId);

/** One row per session, keyed by it; the row goes when the session goes. */
export const sessionIdKey = (table: Table) =>
  table.addColumn("session_id", "varchar(64)", (col) =>
    col.primaryKey().references("sessions.id").onDelete("cascade"),
  );

/** When the row was made (ms since the epoch). */
export const createdAt = (table: Table) => table.addColumn("created_at", "bigint", (col) => col.notNull());

/** When a short-lived record was made and until when it may be used. */
export const lifetime = (table: Table) =>
  table.$call(createdAt).addColumn("expires_at", "bigint", (col) => col.notNull());

/** When a second factor was added and last used. */
export const factorTimes = (table: Table) => table.$call(createdAt).addColumn("last_used_at", "bigint");

/**
 * A table of a member's named second factor (TOTP devices, passkeys): its key, its member and the name it is
 * shown by come first; the caller adds the factor's own columns and then `factorTimes`.
 */
export function createFactorTable(db: Kysely<unknown>, table: "totp_devices" | "passkeys"): Table {
  return db.schema
    .createTable(table)
    .$call(memberRowKeys)
    .addColumn("name", "varchar(100)", (col) => col.notNull());
}

/** The index `name` on `table` over `columns`, in that order. */
export async function createIndex(
  db: Kysely<unknown>,
  name: string,
  table: string,
  columns: string[],
): Promise<void> {
  await db.schema.createIndex(name).on(table).columns(columns).execute();
}

/** The index by which a member's rows are found (and deleted with the member). */
export async function createMemberIndex(db: Kysely<unknown>, table: string): Promise<void> {
  await createIndex(db, `${table}_member_idx`, table, ["member_id"]);
}

/** The limiter's table of failures per (scope, key): `throttle` in 001, `attempts` since 003. */
export async function createAttemptsTable(db: Kysely<unknown>, name: "throttle" | "attempts"): Promise<void> {
  await db.schema
    .createTable(name)
    .addColumn("scope", "varchar(32)", (col) => col.notNull())
    .addColumn("key", "varchar(200)", (col) => col.notNull())
    .addColumn("failures", "integer", (col) => col.notNull())
    .addColumn("last_failure_at", "bigint", (col) => col.notNull())
    .addColumn("blocked_until", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint(`${name}_pk`, ["scope", "key"])
    .execute();
}
