// Password sign-ins on SQLite and on PostgreSQL, with one portal process and with two sharing the database
// (issue 9): real portal processes (portal/server.ts, as operators start it), members seeded with one Argon2id
// hash, one autocannon per instance at the same time (a load balancer in front would share the two cores
// too). Sign-ins/s is the sum over the instances; p99 the worse instance's.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hashPassword } from "../../portal/auth/password";
import { openDatabase } from "../../portal/db/database";
import { type PortalProcess, startPortalProcess } from "../../tests/e2e/support/portal-process";
import { insertMembersWithHash } from "../../tests/unit/portal/support/members";
import { emptySchema } from "../../tests/unit/portal/support/postgres";
import { formatNumber, type Row, type SectionResult } from "../report";
import { median } from "../stats";
import { BENCH_PASSWORD, userIdOf } from "./bench-members";
import { cannon } from "./cannon";

export interface StoreBenchOptions {
  runs: number;
  seconds: number;
  members: number;
  /** Connections per instance. */
  connections: number;
}

type Store = "SQLite" | "PostgreSQL";

interface Measured {
  rates: number[];
  p99s: number[];
  failures: number;
}

/** Starts `instances` portal processes on one database of `store`, seeds the members, measures, stops. */
async function measure(
  store: Store,
  instances: number,
  options: StoreBenchOptions,
): Promise<Measured | null> {
  const schema = store === "PostgreSQL" ? await emptySchema("kosmo_bench") : null;
  if (store === "PostgreSQL" && !schema) return null;
  const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-store-bench-"));
  const env: Record<string, string> = schema ? { DATABASE_URL: schema.url } : { DATA_DIR: dataDir };
  const portals: PortalProcess[] = [];
  try {
    for (let i = 0; i < instances; i++) portals.push(await startPortalProcess(env)); // one by one: migrations
    const db = openDatabase({ dataDir, databaseUrl: schema?.url ?? null });
    const userIds = Array.from({ length: options.members }, (_, i) => userIdOf(i));
    await insertMembersWithHash(db, userIds, await hashPassword(BENCH_PASSWORD), { method: "mail" });
    await db.destroy();
    const measured: Measured = { rates: [], p99s: [], failures: 0 };
    for (let run = 0; run < options.runs; run++) {
      const results = await Promise.all(
        portals.map((portal) =>
          cannon({
            url: `${portal.origin}/login`,
            method: "POST",
            connections: options.connections,
            durationSeconds: options.seconds,
            headers: { "content-type": "application/x-www-form-urlencoded", origin: portal.origin },
            body: () =>
              `user_id=${userIdOf(Math.floor(Math.random() * options.members))}&password=${encodeURIComponent(BENCH_PASSWORD)}`,
            expectStatus: 303,
          }),
        ),
      );
      measured.rates.push(results.reduce((sum, r) => sum + r.rate, 0));
      measured.p99s.push(Math.max(...results.map((r) => r.p99)));
      measured.failures += results.reduce((sum, r) => sum + r.unexpected + r.errors, 0);
    }
    return measured;
  } finally {
    for (const portal of portals) await portal.kill();
    await schema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runStoreBench(options: StoreBenchOptions): Promise<SectionResult> {
  const rows: Row[] = [];
  const notes: string[] = [
    `Real portal processes (portal/server.ts), ${options.members.toLocaleString("en-US")} members with one Argon2id hash, ${options.connections} connections per instance, ${options.runs} run(s) of ${options.seconds} s; median sign-ins/s (sum over instances) and median of the worse instance's p99. Two instances on SQLite share one database file (WAL); on PostgreSQL one schema on 127.0.0.1:5432. On two cores a second instance adds no CPU: what it shows is that the shared database is not the limit (Argon2 is).`,
  ];
  for (const store of ["SQLite", "PostgreSQL"] as const) {
    for (const instances of [1, 2]) {
      const label = `${store}, ${instances} instance${instances > 1 ? "s" : ""}`;
      const result = await measure(store, instances, options);
      if (!result) {
        rows.push({ name: `sign-ins/s (${label})`, value: "—", status: "NOT MEASURED" });
        notes.push(`${label}: not measured, nothing listens at 127.0.0.1:5432.`);
        continue;
      }
      rows.push({
        name: `sign-ins/s (${label})`,
        value: formatNumber(median(result.rates)),
        status: "INFO",
      });
      rows.push({ name: `  p99 (${label})`, value: `${median(result.p99s).toFixed(0)} ms`, status: "INFO" });
      if (result.failures > 0) notes.push(`${label}: ${result.failures} responses were not a sign-in (303).`);
    }
  }
  return {
    title: "Portal — sign-ins on SQLite and PostgreSQL, one and two instances (issue 9)",
    rows,
    notes,
  };
}
