// SIGTERM during a burst of sign-ins (a deploy, a scale-down): the instance stops accepting connections at
// once, every sign-in that had reached it still gets its answer and a working session, and the process exits 0.
// Runs on SQLite (e2e) and PostgreSQL (e2e-pg).
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../../portal/auth/password";
import { openDatabase } from "../../../portal/db/database";
import { insertMembersWithHash } from "../../unit/portal/support/members";
import { type TestStore, testStore } from "../../unit/portal/support/postgres";
import { type PortalProcess, startPortalProcess } from "../support/portal-process";

const BURST = 16;
const PASSWORD = "shutdown-initial-pw";

let store: TestStore;
let portal: PortalProcess;

beforeAll(async () => {
  store = await testStore();
  portal = await startPortalProcess({ ...store.env, SHUTDOWN_TIMEOUT_MS: "60000" });
  const db = openDatabase({ dataDir: portal.dataDir, databaseUrl: store.env.DATABASE_URL ?? null });
  await insertMembersWithHash(db, memberIds(), await hashPassword(PASSWORD));
  await db.destroy();
});

afterAll(async () => {
  await portal?.kill();
  await store?.drop();
});

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
    const origin = portal.address;
    const ready = await fetch(`${origin}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready" });

    const burst = memberIds().map((userId) =>
      fetch(`${origin}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { origin, "sec-fetch-site": "same-origin" },
        body: new URLSearchParams({ user_id: userId, password: PASSWORD }),
      }).then(
        (response) => ({ status: response.status, location: response.headers.get("location") }),
        (error: unknown) => ({ status: 0, location: String(error) }),
      ),
    );
    // The first answer: every request of the burst has reached the portal and most wait for Argon2.
    await Promise.race(burst);
    portal.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await refusesConnections(portal.port)).toBe(true);

    const answers = await Promise.all(burst);
    expect(answers).toEqual(answers.map(() => ({ status: 303, location: "/first-login" })));
    expect(await portal.exited).toBe(0);
    expect(portal.output()).toContain("SIGTERM: finishing requests in flight");
    expect(portal.output()).not.toContain("cut at the deadline");
  });
});
