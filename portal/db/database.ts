// Opens the portal's database: SQLite (better-sqlite3, WAL) in DATA_DIR, or PostgreSQL when DATABASE_URL is set.
import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { withStatementCache } from "./statement-cache";

/** Where the database is: a PostgreSQL URL, or else SQLite's portal.sqlite in `dataDir` (config.ts reads both). */
export function openDatabase(config: { dataDir: string; databaseUrl: string | null }): Kysely<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(config.dataDir);
}

function openSqlite(dataDir: string): Kysely<Database> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(path.join(dataDir, "portal.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

// int8 (bigint) columns hold epoch milliseconds, well inside Number's safe range: read them as numbers.
const BIGINT_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === BIGINT_OID && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

function openPostgres(connectionString: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString, max: 10, types: pgTypes });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
