// Versioned migrations, run at start-up. Each migration is imported explicitly (no file-system scan), so
// the list below is the full history in order.
import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from "kysely";
import * as m001 from "./migrations/001-members-and-sessions";
import * as m002 from "./migrations/002-second-factors";
import * as m003 from "./migrations/003-attempts-and-recovery";
import * as m004 from "./migrations/004-mail-outbox";
import type { Database } from "./schema";

const migrations: Record<string, Migration> = {
  "001-members-and-sessions": m001,
  "002-second-factors": m002,
  "003-attempts-and-recovery": m003,
  "004-mail-outbox": m004,
};

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  // On PostgreSQL, Kysely looks for its bookkeeping tables in every schema: name ours (the search_path's), or
  // another schema's tables in the same database would be taken for ours.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : "";
    throw new Error(
      `database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
