// The one PostgreSQL helper of the tests: a throwaway schema on postgres://127.0.0.1:5432/test (trust
// authentication), dropped afterwards so reruns start clean.
//
// TEST_STORE=postgres (the vitest projects `unit-pg` and `e2e-pg`, see vitest.config.ts) makes the portal test
// helpers (test-app.ts, test-deps.ts, tests/e2e/support/portal.ts) run on such a schema instead of SQLite; there
// a missing server is an error, never a silent pass on SQLite. Elsewhere, tests that also try PostgreSQL get
// null when nothing listens (a machine without PostgreSQL) and skip; any other failure throws.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import pg from "pg";
import { openDatabase } from "../../../../portal/db/database";
import { migrateToLatest } from "../../../../portal/db/migrate";
import type { Database } from "../../../../portal/db/schema";

// Without a user in the URL, pg falls back to $USER, which CI shells may not set: name one explicitly.
export const POSTGRES_SERVER =
  process.env.TEST_DATABASE_URL ??
  `postgres://${process.env.PGUSER ?? process.env.USER ?? "postgres"}@127.0.0.1:5432/test`;

/** True in the `unit-pg` and `e2e-pg` projects: the portal's store in tests is PostgreSQL. */
export const onPostgres = process.env.TEST_STORE === "postgres";

export interface EmptySchema {
  /** DATABASE_URL of the schema (search_path set), with an application_name naming it. */
  url: string;
  schema: string;
  /** Runs SQL as the test's own administrator connection (not the portal's pool). */
  admin: pg.Client;
  drop(): Promise<void>;
}

/** An empty schema of its own; null when nothing listens at POSTGRES_SERVER. */
export async function emptySchema(prefix = "kosmo_test"): Promise<EmptySchema | null> {
  const admin = new pg.Client({ connectionString: POSTGRES_SERVER });
  try {
    await admin.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== "ECONNREFUSED") throw error;
    if (onPostgres) throw new Error(`TEST_STORE=postgres, but nothing listens at ${POSTGRES_SERVER}`);
    console.warn(`PostgreSQL test skipped: nothing listens at ${POSTGRES_SERVER}`);
    return null;
  }
  const schema = `${prefix}_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = schemaUrl(schema);
  return {
    url,
    schema,
    admin,
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** The server's URL with `search_path` set to `schema`; `application_name` lets a test find the connections. */
export function schemaUrl(schema: string): string {
  const separator = POSTGRES_SERVER.includes("?") ? "&" : "?";
  return `${POSTGRES_SERVER}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}&application_name=${schema}`;
}

export interface ThrowawaySchema {
  db: Kysely<Database>;
  url: string;
  drop(): Promise<void>;
}

/** An empty schema, migrated, with the portal's own database handle on it; null when no server listens. */
export async function throwawaySchema(dataDir: string): Promise<ThrowawaySchema | null> {
  const empty = await emptySchema();
  if (!empty) return null;
  const db = openDatabase({ dataDir, databaseUrl: empty.url });
  await migrateToLatest(db);
  return {
    db,
    url: empty.url,
    async drop() {
      await db.destroy();
      await empty.drop();
    },
  };
}

export interface TestStore {
  /** What to add to the portal's environment: DATABASE_URL on PostgreSQL, nothing on SQLite. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * The store a portal test helper gives its portal: SQLite in DATA_DIR, or a throwaway schema (TEST_STORE). A test
 * that names its own store (`DATABASE_URL` in `env`, "" for SQLite) gets none from here.
 */
export async function testStore(env: Record<string, string> = {}): Promise<TestStore> {
  if (!onPostgres || "DATABASE_URL" in env) return { env: {}, async drop() {} };
  const empty = await emptySchema();
  if (!empty) throw new Error("unreachable: emptySchema throws under TEST_STORE=postgres");
  return { env: { DATABASE_URL: empty.url }, drop: () => empty.drop() };
}
