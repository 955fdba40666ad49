// How the portal opens SQLite: WAL (readers never wait for the writer; several instances share the file), commits
// not flushed to disk one by one (the log is, at checkpoints), foreign keys enforced, and the log checkpointed
// every WAL_AUTOCHECKPOINT_PAGES pages rather than SQLite's 1,000 (a sign-in's hot pages are copied far less often).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { openDatabase, WAL_AUTOCHECKPOINT_PAGES } from "../../../../portal/db/database";

const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-db-"));
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

it("opens SQLite in WAL mode with its settings", async () => {
  const db = openDatabase({ dataDir, databaseUrl: null });
  try {
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`PRAGMA ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("synchronous")).toBe(1); // NORMAL
    expect(await pragma("foreign_keys")).toBe(1);
    expect(await pragma("wal_autocheckpoint")).toBe(WAL_AUTOCHECKPOINT_PAGES);
    expect(WAL_AUTOCHECKPOINT_PAGES).toBeGreaterThan(1_000);
  } finally {
    await db.destroy();
  }
});
