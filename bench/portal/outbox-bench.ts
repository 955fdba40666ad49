// The mail outbox's throughput (issue 9): `mails` messages queued at once, then sent by the portal's outbox
// worker through the real SMTP client to the embedded catcher on loopback, until every one is marked sent —
// mails per second, on SQLite and (when it answers on 127.0.0.1:5432) PostgreSQL, with one worker and with
// two workers (two instances) sharing the database. Run alone at a tiny size:
// `npx tsx --tsconfig portal/tsconfig.json bench/portal/outbox-bench.ts 20`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { loadConfig } from "../../portal/config";
import { openDatabase } from "../../portal/db/database";
import { countOutboxMails } from "../../portal/db/mail-outbox";
import { migrateToLatest } from "../../portal/db/migrate";
import type { Database } from "../../portal/db/schema";
import { inTransaction } from "../../portal/db/transaction";
import { createDeps, type Deps } from "../../portal/deps";
import { startMailCatcher } from "../../portal/mail/catcher";
import { queueInto } from "../../portal/mail/outbox";
import { createCatcherMailer } from "../../portal/mail/transport";
import { throwawaySchema } from "../../tests/unit/portal/support/postgres";
import { formatNumber, formatSummary, type Row, type SectionResult } from "../report";
import { summarize } from "../stats";

interface Store {
  name: string;
  databaseUrl: string | null;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** Mails per second for one batch of `mails` through `workers` workers (one per simulated instance). */
async function oneRun(store: Store, dataDir: string, catcherPort: number, mails: number, workers: number) {
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir, PORTAL_SECRET_KEY: "42".repeat(32) });
  const instances: { deps: Deps; db: Kysely<Database>; close(): void }[] = [];
  for (let i = 0; i < workers; i++) {
    const db = i === 0 ? store.db : openDatabase({ dataDir, databaseUrl: store.databaseUrl });
    const mailer = createCatcherMailer(catcherPort, config.mailFrom);
    const deps = createDeps({ config, db, mailer, clock: () => new Date(), catcher: null });
    instances.push({ deps, db, close: () => mailer.close() });
  }
  const first = instances[0]!.deps;
  await store.db.deleteFrom("mail_outbox").execute();
  await inTransaction(store.db, async (trx) => {
    const queue = queueInto(first, trx);
    for (let n = 0; n < mails; n++) {
      await queue({
        kind: "user-id",
        message: { to: `bench${n}@example.jp`, subject: `bench ${n}`, text: `${n}` },
      });
    }
  });
  const started = performance.now();
  for (const instance of instances) instance.deps.outbox.kick();
  for (;;) {
    const counts = await countOutboxMails(store.db);
    if (counts.sent + counts.failed >= mails) {
      if (counts.failed > 0) throw new Error(`${counts.failed} bench mails failed`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const [i, instance] of instances.entries()) {
    await instance.deps.outbox.stop();
    instance.close();
    if (i > 0) await instance.db.destroy();
  }
  return mails / seconds;
}

export async function runOutboxBench(options: { mails: number; runs: number }): Promise<SectionResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-outbox-bench-"));
  const catcher = await startMailCatcher(0);
  const rows: Row[] = [];
  const notes = [
    `${options.mails} mails queued in one transaction, then sent by the outbox worker (batches of 10 sent concurrently, one SMTP connection per mail: nodemailer without pooling) to the embedded catcher on loopback, until all are marked sent; median of ${options.runs} runs. Two workers = two instances' workers sharing the database, each with its own connection.`,
  ];
  const stores: Store[] = [];
  try {
    const sqliteDb = openDatabase({ dataDir, databaseUrl: null });
    await migrateToLatest(sqliteDb);
    stores.push({ name: "SQLite", databaseUrl: null, db: sqliteDb, close: () => sqliteDb.destroy() });
    const schema = await throwawaySchema(dataDir);
    if (schema)
      stores.push({ name: "PostgreSQL", databaseUrl: schema.url, db: schema.db, close: schema.drop });
    else notes.push("PostgreSQL: not measured (nothing listens on 127.0.0.1:5432).");
    for (const store of stores) {
      for (const workers of [1, 2]) {
        const rates: number[] = [];
        for (let run = 0; run < options.runs; run++) {
          rates.push(await oneRun(store, dataDir, catcher.port, options.mails, workers));
        }
        rows.push({
          name: `outbox → SMTP catcher, ${store.name}, ${workers} worker${workers > 1 ? "s" : ""}`,
          value: formatSummary(summarize(rates), "mails/s", 0),
          status: "INFO",
        });
      }
    }
  } finally {
    for (const store of stores) await store.close();
    await catcher.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { title: "Portal — mail outbox throughput (issue 9)", rows, notes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const mails = Number(process.argv[2] ?? 20);
  const result = await runOutboxBench({ mails, runs: 1 });
  for (const row of result.rows) console.log(`${row.name}: ${row.value}`);
  console.log(`(${formatNumber(mails, 0)} mails per run)`);
}
