// Migration 005 on SQLite: the attempts table is rebuilt stored by its key (WITHOUT ROWID), every row kept, and
// taken back by `down`; on PostgreSQL it changes nothing.
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { down, up } from "../../../../portal/db/migrations/005-attempts-clustered";
import { createAttemptsTable } from "../../../../portal/db/migrations/columns";

const rows = [
  {
    scope: "password",
    key: "account:taro",
    failures: 5,
    last_failure_at: 1_700_000_000_000,
    blocked_until: 1_700_000_030_000,
  },
  {
    scope: "password",
    key: "client:192.0.2.1",
    failures: 1,
    last_failure_at: 1_700_000_000_000,
    blocked_until: 0,
  },
];

async function tableSql(db: Kysely<unknown>): Promise<string> {
  const found = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'attempts'`.execute(db);
  return found.rows[0]?.sql ?? "";
}

describe("migration 005-attempts-clustered (SQLite)", () => {
  it("rebuilds the attempts table WITHOUT ROWID with every row, and down takes it back", async () => {
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) });
    try {
      await createAttemptsTable(db, "attempts");
      await sql`INSERT INTO attempts (scope, "key", failures, last_failure_at, blocked_until) VALUES
        (${rows[0]!.scope}, ${rows[0]!.key}, ${rows[0]!.failures}, ${rows[0]!.last_failure_at}, ${rows[0]!.blocked_until}),
        (${rows[1]!.scope}, ${rows[1]!.key}, ${rows[1]!.failures}, ${rows[1]!.last_failure_at}, ${rows[1]!.blocked_until})`.execute(
        db,
      );
      const all = async () => (await sql`SELECT * FROM attempts ORDER BY "key"`.execute(db)).rows;

      await up(db);
      expect((await tableSql(db)).toLowerCase()).toContain("without rowid");
      expect(await all()).toEqual(rows);
      // The key is still the primary key: a second row for it is refused.
      await expect(
        sql`INSERT INTO attempts VALUES ('password', 'account:taro', 1, 0, 0)`.execute(db),
      ).rejects.toThrow(/UNIQUE|PRIMARY/);

      await down(db);
      expect((await tableSql(db)).toLowerCase()).not.toContain("without rowid");
      expect(await all()).toEqual(rows);
    } finally {
      await db.destroy();
    }
  });
});
