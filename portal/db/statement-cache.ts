// Kysely's SQLite driver calls database.prepare(sql) for every query; compiling the SQL again each time was the
// largest single cost of a signed-in page. This wrapper hands Kysely one prepared better-sqlite3 Statement per
// SQL text (Kysely's SQL uses ? parameters, so the set of texts is small), kept in a bounded LRU.
// Kept because the signed-in page misses its target (bench/RESULTS.md, "Portal under load": 7,545 req/s
// against ≥ 10,000) and SQLite is its largest cost there (profile note: 19.6 % better-sqlite3 running queries);
// preparing each query anew made that in-process page ~250 µs instead of ~180 µs (commit 0247c75).
import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

export const DEFAULT_STATEMENT_CACHE_SIZE = 200;

/**
 * Reusing a Statement is safe here: better-sqlite3 binds the parameters anew on each all()/run() and resets
 * the statement afterwards, SQLite re-compiles a cached statement by itself after a schema change (migrations),
 * and Kysely's SQLite driver runs one query at a time (a single connection behind a mutex). Only iterate()
 * keeps a statement busy until the iterator ends, so it gets a fresh Statement of its own.
 */
export function withStatementCache(
  sqlite: SQLite.Database,
  capacity = DEFAULT_STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  const cachedStatement = (sql: string): SqliteStatement => {
    const hit = cache.get(sql);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const statement = sqlite.prepare(sql);
    const wrapped: SqliteStatement = {
      reader: statement.reader,
      all: (parameters) => statement.all(parameters),
      run: (parameters) => statement.run(parameters),
      iterate: (parameters) => sqlite.prepare(sql).iterate(parameters),
    };
    cache.set(sql, wrapped);
    if (cache.size > capacity) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return wrapped;
  };
  return {
    prepare: cachedStatement,
    close: () => {
      cache.clear();
      sqlite.close();
    },
  };
}
