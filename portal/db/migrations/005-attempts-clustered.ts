// SQLite only: the attempts table stored by its key (WITHOUT ROWID). Every guess writes its row before it is
// judged, and every success writes it again; keyed by rowid, each of those writes changed two pages of the
// database (the row and its key's index) and so wrote two pages to the log, now one. PostgreSQL keeps its
// table: it has no such storage choice, and the migration changes nothing there.
import { type Kysely, SqliteAdapter, sql } from "kysely";

const COLUMNS = sql.raw(`scope, "key", failures, last_failure_at, blocked_until`);

async function rebuild(db: Kysely<unknown>, withoutRowid: boolean): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await db.schema
    .createTable("attempts_rebuilt")
    .addColumn("scope", "varchar(32)", (col) => col.notNull())
    .addColumn("key", "varchar(200)", (col) => col.notNull())
    .addColumn("failures", "integer", (col) => col.notNull())
    .addColumn("last_failure_at", "bigint", (col) => col.notNull())
    .addColumn("blocked_until", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("attempts_pk", ["scope", "key"])
    .$call((table) => (withoutRowid ? table.modifyEnd(sql`without rowid`) : table))
    .execute();
  await sql`INSERT INTO attempts_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM attempts`.execute(db);
  await db.schema.dropTable("attempts").execute();
  await db.schema.alterTable("attempts_rebuilt").renameTo("attempts").execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, false);
}
