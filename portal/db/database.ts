// Opens the portal's database: SQLite (better-sqlite3, WAL) in DATA_DIR, or PostgreSQL when DATABASE_URL is set.
import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { withStatementCache } from "./statement-cache";

/** Where the database is: a PostgreSQL URL, or else SQLite's portal.sqlite in `dataDir` (config.ts reads both). */
export function openDatabase(config: { dataDir: string; databaseUrl: string | null }): Kysely<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(config.dataDir);
}

/** Pages written to SQLite's log before a commit copies them into the database file (see openSqlite). */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

function openSqlite(dataDir: string): Kysely<Database> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(path.join(dataDir, "portal.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // A checkpoint copies every page changed since the last one into the database file. A sign-in changes about
  // nine pages, mostly the same few again (the limiter's row, the newest leaf of sessions and of events), so
  // checkpointing every 10,000 pages (≈ 40 MiB of log) instead of SQLite's 1,000 writes each of those once per
  // ~1,100 sign-ins instead of once per ~110: measured 0.3–0.5 ms less event-loop CPU per sign-in (bench/RESULTS.md).
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
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
  // A request waits at most 5 s for a connection while the server is away (the default waits for ever).
  const pool = new pg.Pool({ connectionString, max: 10, types: pgTypes, connectionTimeoutMillis: 5_000 });
  // An idle client whose server connection ends (a restart, a failover, pg_terminate_backend) emits `error` on
  // the pool; without a listener Node ends the process. The pool has already dropped that client and opens a
  // new connection for the next query, so noting it is all there is to do.
  pool.on("error", (error) => {
    console.error("database connection lost (the pool reconnects):", error.message);
  });
  // A client checked out at that moment (a transaction awaiting other work between its queries) emits `error`
  // on itself, where the pool has no listener: the query in flight fails on its own, and a client that broke
  // is not queryable, so the pool drops it when it comes back. Only the process-ending event must be caught.
  pool.on("connect", (client) => {
    client.on("error", (error) => {
      console.error("database connection lost during a request:", error.message);
    });
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** SQLSTATE classes and codes that mean "the server is away or refusing connections", not "this query is wrong". */
const UNAVAILABLE_STATES = /^(08|57P0[1-3]|53300)/;
const UNAVAILABLE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * True when `error` says the database cannot be reached (refused, dropped, shutting down, no connection within
 * the pool's timeout): the request may succeed again in a moment, so members get "try again" (503), not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_ERRNOS.has(code)))
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
    error.message,
  );
}

/** One round trip to the database (readiness); throws when it cannot be reached. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
