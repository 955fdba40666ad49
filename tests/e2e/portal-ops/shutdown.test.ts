// SIGTERM during a burst of sign-ins (a deploy, a scale-down): the instance stops accepting connections at
// once, every sign-in that had reached it still gets its answer and a working session, and the process exits 0.
// Runs on SQLite (e2e) and PostgreSQL (e2e-pg).
import { connect } from "node:net";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../../portal/auth/password";
import { openDatabase } from "../../../portal/db/database";
import type { Database } from "../../../portal/db/schema";
import { insertMembersWithHash } from "../../unit/portal/support/members";
import { type TestStore, testStore } from "../../unit/portal/support/postgres";
import { type PortalProcess, startPortalProcess } from "../support/portal-process";

const BURST = 24; // under the per-client allowance (29): every sign-in is judged
const PASSWORD = "shutdown-initial-pw";

let store: TestStore;
let portal: PortalProcess;
let db: Kysely<Database>;

beforeAll(async () => {
  store = await testStore();
  portal = await startPortalProcess({ ...store.env, SHUTDOWN_TIMEOUT_MS: "60000" });
  db = openDatabase({ dataDir: portal.dataDir, databaseUrl: store.env.DATABASE_URL ?? null });
  await insertMembersWithHash(db, memberIds(), await hashPassword(PASSWORD));
});

afterAll(async () => {
  await db?.destroy();
  await portal?.kill();
  await store?.drop();
});

/**
 * Sign-ins the portal has started on: each takes its member's attempt (auth/limiter.ts) before Argon2, and a
 * success clears it again — so answered ones plus those still counted are all that reached it.
 */
async function startedSignIns(answered: number): Promise<number> {
  const counted = await db
    .selectFrom("attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("key", "like", "account:leaver%")
    .where("failures", ">", 0)
    .executeTakeFirstOrThrow();
  return answered + Number(counted.n);
}

const memberIds = () => Array.from({ length: BURST }, (_, i) => `leaver${String(i).padStart(3, "0")}`);

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

describe("graceful shutdown", () => {
  it("answers every sign-in in flight after SIGTERM, refuses new connections and exits 0", async () => {
    const origin = portal.origin;
    const ready = await fetch(`${origin}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready" });

    let answered = 0;
    const burst = memberIds().map((userId) =>
      fetch(`${origin}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { origin, "sec-fetch-site": "same-origin" },
        body: new URLSearchParams({ user_id: userId, password: PASSWORD }),
      }).then(
        (response) => {
          answered++;
          return { status: response.status, location: response.headers.get("location") };
        },
        (error: unknown) => ({ status: 0, location: String((error as { cause?: unknown }).cause ?? error) }),
      ),
    );
    // Every request of the burst has reached the portal; most still wait for Argon2.
    while ((await startedSignIns(answered)) < BURST) await new Promise((resolve) => setTimeout(resolve, 10));
    const inFlight = BURST - answered;
    portal.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await refusesConnections(portal.port)).toBe(true);

    const answers = await Promise.all(burst);
    expect(inFlight).toBeGreaterThan(0); // the signal came while sign-ins were still running
    expect(answers).toEqual(answers.map(() => ({ status: 303, location: "/first-login" })));
    expect(await portal.exited).toBe(0);
    expect(portal.output()).toContain("SIGTERM: finishing requests in flight");
    expect(portal.output()).not.toContain("cut at the deadline");
  });
});
