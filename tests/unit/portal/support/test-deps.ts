// A real SQLite database in a temporary directory, migrated, with a clock the test moves and a mailer that
// records what the outbox worker sends (kicked by the flows; nothing polls).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../../../portal/config";
import { openDatabase } from "../../../../portal/db/database";
import { migrateToLatest } from "../../../../portal/db/migrate";
import { createDeps, type Deps } from "../../../../portal/deps";
import type { MailMessage } from "../../../../portal/mail/transport";

export interface TestDeps extends Deps {
  sent: MailMessage[];
  advance(ms: number): void;
  cleanup(): Promise<void>;
}

export async function createTestDeps(env: Record<string, string> = {}): Promise<TestDeps> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-unit-"));
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir, ...env });
  const db = openDatabase(config);
  await migrateToLatest(db);
  let time = Date.parse("2026-11-25T09:00:00Z");
  const sent: MailMessage[] = [];
  const deps = createDeps({
    config,
    db,
    catcher: null,
    clock: () => new Date(time),
    mailer: {
      async send(message) {
        sent.push(message);
      },
    },
  });
  return Object.assign(deps, {
    sent,
    advance(ms: number) {
      time += ms;
    },
    async cleanup() {
      await deps.outbox.stop();
      await deps.db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
