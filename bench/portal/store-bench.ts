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
import { type CannonResult, cannon } from "./cannon";
import { notMostlyExpected, unexpectedSummary } from "./load-phases";
import { LOAD_GENERATOR_PROXY, SIGN_IN_STATUS_MEANINGS, signInLoad } from "./sign-in-load";

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
  results: CannonResult[];
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
  const env: Record<string, string> = {
    ...(schema ? { DATABASE_URL: schema.url } : { DATA_DIR: dataDir }),
    TRUST_PROXY: LOAD_GENERATOR_PROXY, // each sign-in from a client of its own (sign-in-load.ts)
  };
  const portals: PortalProcess[] = [];
  try {
    for (let i = 0; i < instances; i++) portals.push(await startPortalProcess(env)); // one by one: migrations
    const db = openDatabase({ dataDir, databaseUrl: schema?.url ?? null });
    const userIds = Array.from({ length: options.members }, (_, i) => userIdOf(i));
    await insertMembersWithHash(db, userIds, await hashPassword(BENCH_PASSWORD), { method: "mail" });
    await db.destroy();
    const measured: Measured = { rates: [], p99s: [], results: [] };
    for (let run = 0; run < options.runs; run++) {
      const results = await Promise.all(
        portals.map((portal) =>
          cannon({
            ...signInLoad(portal.origin, options.members),
            connections: options.connections,
            durationSeconds: options.seconds,
          }),
        ),
      );
      measured.rates.push(results.reduce((sum, r) => sum + r.rate, 0));
      measured.p99s.push(Math.max(...results.map((r) => r.p99)));
      measured.results.push(...results);
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
    `Real portal processes (portal/server.ts), ${options.members.toLocaleString("en-US")} members with one Argon2id hash, ${options.connections} connections per instance, ${options.runs} run(s) of ${options.seconds} s; median sign-ins/s (sum over instances) and median of the worse instance's p99. Two instances on SQLite share one database file (WAL); on PostgreSQL one schema on 127.0.0.1:5432. On two cores a second instance adds no CPU: what it shows is that the shared database is not the limit (Argon2 is). Each sign-in comes from a client address of its own (X-Forwarded-For through TRUST_PROXY=127.0.0.1,::1), so the per-client limiter sees many clients, as behind a real proxy.`,
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
      const problem = notMostlyExpected(result.results, 303);
      rows.push({
        name: `sign-ins/s (${label})`,
        value: `${formatNumber(median(result.rates))}${problem ? ` — NOT A MEASUREMENT: ${problem}` : ""}`,
        status: problem ? "MISS" : "INFO",
      });
      rows.push({ name: `  p99 (${label})`, value: `${median(result.p99s).toFixed(0)} ms`, status: "INFO" });
      const unexpected = unexpectedSummary(result.results, 303);
      if (unexpected !== "none")
        notes.push(
          `${label}: responses that were not a sign-in (303): ${unexpected} (${SIGN_IN_STATUS_MEANINGS}).`,
        );
    }
  }
  return {
    title: "Portal — sign-ins on SQLite and PostgreSQL, one and two instances (issue 9)",
    rows,
    notes,
  };
}
