// Runs in its own process (spawned by bench/portal/child.ts) so that the load generator and the portal do not
// share an event loop. BENCH_MODE=portal: the real portal (startPortal, port 0, its own DATA_DIR) with
// BENCH_MEMBERS members inserted by direct SQL with one precomputed Argon2id hash, and one signed-in ('full')
// session. BENCH_MODE=bare: a bare Hono GET for comparison. Prints one JSON line when ready; SIGTERM stops it.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve } from "@hono/node-server";
import SQLite from "better-sqlite3";
import { Hono } from "hono";
import { createApp } from "../../portal/app";
import { hashPassword } from "../../portal/auth/password";
import { createSession } from "../../portal/auth/session";
import { type RunningPortal, startPortal } from "../../portal/server";
import { BENCH_PASSWORD, userIdOf } from "./bench-members";
import { profileOf } from "./cpu-profile";
import { LOAD_GENERATOR_PROXY } from "./sign-in-load";

/** BENCH_AUTH_METHOD: the members' chosen second factor (totp unless told; passkey for the passkey bench). */
const authMethod = process.env.BENCH_AUTH_METHOD === "passkey" ? "passkey" : "totp";

function seedMembers(dataDir: string, count: number, passwordHash: string): string {
  const db = new SQLite(path.join(dataDir, "portal.sqlite"));
  db.pragma("busy_timeout = 5000");
  const at = Date.now();
  const insert = db.prepare(
    `INSERT INTO members (id, user_id, name, birth_date, password_hash, password_is_initial, email,
       email_verified_at, birth_date_confirmed_at, terms_accepted_at, auth_method, password_changed_at,
       first_login_completed_at, locale, created_at, updated_at)
     VALUES (?, ?, ?, '1980-04-01', ?, 0, ?, ?, ?, ?, ?, ?, ?, 'ja', ?, ?)`,
  );
  let firstId = "";
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      if (i === 0) firstId = id;
      insert.run(
        id,
        userIdOf(i),
        `会員 ${i}`,
        passwordHash,
        `${userIdOf(i)}@example.jp`,
        at,
        at,
        at,
        authMethod,
        at,
        at,
        at,
        at,
      );
    }
  })();
  db.close();
  return firstId;
}

async function startBare(): Promise<void> {
  const app = new Hono();
  app.get("/", (c) => c.text("ok"));
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ ready: true, origin: `http://127.0.0.1:${port}` }));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

/**
 * The signed-in page through the portal's Hono app in this process, without HTTP: where the per-request
 * cost lies (app vs network stack). 5 runs of 1,000 sequential requests after 2,000 warm-up ones; µs each.
 */
async function timeAppFetch(
  portal: RunningPortal,
  token: string,
): Promise<{ micros: number[]; profile: string[] }> {
  const app = createApp(portal.deps);
  const bindings = {
    incoming: { socket: { remoteAddress: "127.0.0.1", remoteFamily: "IPv4", remotePort: 40000 } },
  };
  const request = () => new Request(`${portal.origin}/`, { headers: { cookie: `kosmo_session=${token}` } });
  const once = async () => {
    const response = await app.fetch(request(), bindings);
    if (response.status !== 200) throw new Error(`signed-in page answered ${response.status}`);
    await response.text();
  };
  for (let i = 0; i < 2_000; i++) await once(); // let V8 optimise the hot path first
  const micros: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    for (let i = 0; i < 1_000; i++) await once();
    micros.push(((performance.now() - start) * 1000) / 1_000);
  }
  const profile = await profileOf(async () => {
    for (let i = 0; i < 500; i++) await once();
  });
  return { micros, profile };
}

async function startBenchPortal(): Promise<void> {
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error("DATA_DIR is required");
  const members = Number(process.env.BENCH_MEMBERS ?? "1000");
  // The load generator uses the portal's own origin (http://localhost:port): any other Host is refused. It
  // stands in for the operator's reverse proxy, naming each sign-in's client (bench/portal/sign-in-load.ts).
  const portal = await startPortal({
    port: 0,
    dataDir,
    env: { NODE_ENV: "test", TRUST_PROXY: LOAD_GENERATOR_PROXY },
  });
  const origin = portal.origin;
  const memberId = seedMembers(dataDir, members, await hashPassword(BENCH_PASSWORD));
  const { token } = await createSession(portal.deps, memberId, {
    level: "full",
    remember: true,
    userAgent: "bench",
    ip: "127.0.0.1",
  });
  const { micros: appMicros, profile: appProfile } = await timeAppFetch(portal, token);
  console.log(JSON.stringify({ ready: true, origin, sessionToken: token, members, appMicros, appProfile }));
  process.on("SIGTERM", () => {
    portal.close().finally(() => process.exit(0));
  });
}

const mode = process.env.BENCH_MODE ?? "portal";
(mode === "bare" ? startBare() : startBenchPortal()).catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
