// A throwaway PostgreSQL schema on postgres://127.0.0.1:5432/test (trust authentication), dropped by `drop`.
// null when nothing listens there (a machine without PostgreSQL); any other failure throws.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import pg from "pg";
import { openDatabase } from "../../../../portal/db/database";
import { migrateToLatest } from "../../../../portal/db/migrate";
import type { Database } from "../../../../portal/db/schema";

export const POSTGRES_SERVER =
  process.env.TEST_DATABASE_URL ??
  `postgres://${process.env.PGUSER ?? process.env.USER ?? "postgres"}@127.0.0.1:5432/test`;

export interface ThrowawaySchema {
  db: Kysely<Database>;
  url: string;
  drop(): Promise<void>;
}

export async function throwawaySchema(dataDir: string): Promise<ThrowawaySchema | null> {
  const admin = new pg.Client({ connectionString: POSTGRES_SERVER });
  try {
    await admin.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== "ECONNREFUSED") throw error;
    console.warn(`PostgreSQL test skipped: nothing listens at ${POSTGRES_SERVER}`);
    return null;
  }
  const schema = `kosmo_test_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = `${POSTGRES_SERVER}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const db = openDatabase({ dataDir, databaseUrl: url });
  await migrateToLatest(db);
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}
