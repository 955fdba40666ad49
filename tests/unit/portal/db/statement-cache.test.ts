// The prepared-statement cache handed to Kysely's SQLite dialect: one prepare per SQL text, bounded LRU,
// reads and writes told apart, results identical to uncached queries, schema changes and streaming safe.
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withStatementCache } from "../../../../portal/db/statement-cache";

interface TestDb {
  items: { id: number; name: string };
}

const opened: SQLite.Database[] = [];

function openMemory(): { sqlite: SQLite.Database; prepare: ReturnType<typeof vi.spyOn> } {
  const sqlite = new SQLite(":memory:");
  sqlite.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  opened.push(sqlite);
  return { sqlite, prepare: vi.spyOn(sqlite, "prepare") };
}

afterEach(() => {
  for (const sqlite of opened.splice(0)) if (sqlite.open) sqlite.close();
});

describe("withStatementCache", () => {
  it("prepares each SQL text once and reuses the statement with new parameters", () => {
    const { sqlite, prepare } = openMemory();
    const database = withStatementCache(sqlite);
    const insert = "INSERT INTO items (id, name) VALUES (?, ?)";
    database.prepare(insert).run([1, "a"]);
    database.prepare(insert).run([2, "b"]);
    const select = "SELECT name FROM items WHERE id = ?";
    expect(database.prepare(select).all([1])).toEqual([{ name: "a" }]);
    expect(database.prepare(select).all([2])).toEqual([{ name: "b" }]);
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it("tells reads from writes as better-sqlite3 does", () => {
    const { sqlite } = openMemory();
    const database = withStatementCache(sqlite);
    expect(database.prepare("SELECT * FROM items").reader).toBe(true);
    expect(database.prepare("INSERT INTO items (id, name) VALUES (?, ?)").reader).toBe(false);
    expect(database.prepare("DELETE FROM items WHERE id = ? RETURNING id").reader).toBe(true);
  });

  it("keeps at most `capacity` statements, evicting the least recently used", () => {
    const { sqlite, prepare } = openMemory();
    const database = withStatementCache(sqlite, 2);
    const a = "SELECT 1 AS v";
    const b = "SELECT 2 AS v";
    const c = "SELECT 3 AS v";
    database.prepare(a);
    database.prepare(b);
    database.prepare(a); // a is now the most recently used
    database.prepare(c); // evicts b
    expect(prepare).toHaveBeenCalledTimes(3);
    database.prepare(a);
    database.prepare(c);
    expect(prepare).toHaveBeenCalledTimes(3);
    database.prepare(b);
    expect(prepare).toHaveBeenCalledTimes(4);
  });

  it("still answers after the schema changes under a cached statement", () => {
    const { sqlite } = openMemory();
    const database = withStatementCache(sqlite);
    const select = "SELECT * FROM items";
    database.prepare("INSERT INTO items (id, name) VALUES (?, ?)").run([1, "a"]);
    expect(database.prepare(select).all([])).toEqual([{ id: 1, name: "a" }]);
    sqlite.exec("ALTER TABLE items ADD COLUMN note TEXT");
    expect(database.prepare(select).all([])).toEqual([{ id: 1, name: "a", note: null }]);
  });

  it("lets a query run while another iteration of the same SQL is open", () => {
    const { sqlite } = openMemory();
    const database = withStatementCache(sqlite);
    database.prepare("INSERT INTO items (id, name) VALUES (?, ?)").run([1, "a"]);
    database.prepare("INSERT INTO items (id, name) VALUES (?, ?)").run([2, "b"]);
    const select = "SELECT id FROM items ORDER BY id";
    const iterator = database.prepare(select).iterate([]);
    expect(iterator.next().value).toEqual({ id: 1 });
    expect(database.prepare(select).all([])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(iterator.next().value).toEqual({ id: 2 });
    expect(iterator.next().done).toBe(true);
  });

  it("serves Kysely: queries, transactions and rollbacks give the same results as without the cache", async () => {
    const { sqlite } = openMemory();
    const db = new Kysely<TestDb>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    for (const [id, name] of [
      [1, "a"],
      [2, "b"],
    ] as const) {
      await db.insertInto("items").values({ id, name }).execute();
    }
    const byId = (id: number) =>
      db.selectFrom("items").select("name").where("id", "=", id).executeTakeFirst();
    expect(await byId(1)).toEqual({ name: "a" });
    expect(await byId(2)).toEqual({ name: "b" });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable("items").set({ name: "changed" }).where("id", "=", 1).execute();
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await byId(1)).toEqual({ name: "a" });
    const result = await db.deleteFrom("items").where("id", "=", 2).executeTakeFirst();
    expect(result.numDeletedRows).toBe(1n);
    const streamed: unknown[] = [];
    for await (const row of db.selectFrom("items").selectAll().stream()) streamed.push(row);
    expect(streamed).toEqual([{ id: 1, name: "a" }]);
    await db.destroy();
    expect(sqlite.open).toBe(false);
  });
});
