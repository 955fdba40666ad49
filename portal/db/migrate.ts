// Versioned migrations, run at start-up. Each migration is imported explicitly (no file-system scan), so
// the list below is the full history in order.
import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from "kysely";
import * as m001 from "./migrations/001-members-and-sessions";
import * as m002 from "./migrations/002-second-factors";
import * as m003 from "./migrations/003-attempts-and-recovery";
import * as m004 from "./migrations/004-mail-outbox";
import * as m005 from "./migrations/005-attempts-clustered";
import type { Database } from "./schema";

const migrations: Record<string, Migration> = {
  "001-members-and-sessions": m001,
  "002-second-factors": m002,
  "003-attempts-and-recovery": m003,
  "004-mail-outbox": m004,
  "005-attempts-clustered": m005,
};

async function migratorFor(db: Kysely<Database>): Promise<Migrator> {
  // On PostgreSQL, Kysely looks for its bookkeeping tables in every schema: name ours (the search_path's), or
  // another schema's tables in the same database would be taken for ours.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/**
 * Kysely's migrator lists the tables of *every* schema of the database to find its own; on a PostgreSQL server
 * shared with others, a schema dropped at that moment fails the listing with 3F000 ("schema … does not exist"),
 * although nothing is wrong with ours. Such a failure is tried again (a few times, briefly).
 */
async function despiteDroppedSchemas<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: unknown }).code !== "3F000" || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/** Names of the migrations this code knows that the database has not run (empty: up to date). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const known = await despiteDroppedSchemas(async () => (await migratorFor(db)).getMigrations());
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const { error, results } = await despiteDroppedSchemas(async () => {
    const outcome = await (await migratorFor(db)).migrateToLatest();
    if ((outcome.error as { code?: unknown } | undefined)?.code === "3F000") throw outcome.error;
    return outcome;
  });
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : "";
    throw new Error(
      `database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
