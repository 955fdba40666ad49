// The portal for the attack measurement, in its own process (spawned by attack-bench.ts) so that the load
// generator's CPU is not counted as the portal's: the real portal (TRUST_PROXY=127.0.0.1, real clock) plus a
// loopback control server for the bench — make a member, read a mailed code, read the security event log,
// this process's CPU time and one Argon2id verify's CPU time here. Prints one JSON line when ready;
// SIGTERM stops it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { hashPassword, verifyPassword } from "../../portal/auth/password";
import { startTestPortal } from "../../tests/e2e/support/portal";
import {
  addStormMember,
  eventsFromDatabase,
  type StormFlow,
} from "../../tests/unit/portal/support/guess-storm";
import { startProfile, threadCpuMicros } from "./cpu-profile";

/** As long as the storm members' password: the verify costs the same. */
const ARGON_PROBE_PASSWORD = "the member's own passphrase";

const portal = await startTestPortal({ env: { TRUST_PROXY: "127.0.0.1,::1" } });
const eventsOf = eventsFromDatabase(portal.portal.db);

/**
 * CPU time (µs) of one Argon2id verify in this process, one at a time: the physical bound of a sign-in. Counted
 * like a sign-in's: the whole process (every thread — the hash runs on libuv's pool), and per thread. With
 * `pauseMs`, each verify starts after that pause, as each sign-in's does (the pool thread has gone to sleep
 * and is woken for it); without, back to back (the pool thread that just finished takes the next at once).
 */
async function argonVerifyCpuMicros(runs: number, pauseMs: number) {
  const hash = await hashPassword(ARGON_PROBE_PASSWORD);
  const threadsBefore = threadCpuMicros();
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    await verifyPassword(hash, ARGON_PROBE_PASSWORD);
  }
  const used = process.cpuUsage(start);
  const threadsAfter = threadCpuMicros();
  const threads =
    threadsBefore && threadsAfter
      ? { main: threadsAfter.main - threadsBefore.main, others: threadsAfter.others - threadsBefore.others }
      : null;
  return { micros: (used.user + used.system) / runs, threads };
}

let profile: Awaited<ReturnType<typeof startProfile>> | null = null;

const control = createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? "/", "http://control");
    const q = (name: string) => url.searchParams.get(name) ?? "";
    let body: unknown;
    if (url.pathname === "/member")
      body = await addStormMember(portal, q("flow") as StormFlow, q("user"), Date.now());
    else if (url.pathname === "/mail-code") {
      const mail = await portal.latestMailTo(q("address"), { after: new Date(Number(q("after"))) });
      body = { code: /\b(\d{6})\b/.exec(mail.text)?.[1] ?? null };
    } else if (url.pathname === "/events") body = await eventsOf(q("member"), q("types").split(","));
    else if (url.pathname === "/argon-cpu")
      body = await argonVerifyCpuMicros(Number(q("runs")), Number(q("pause") || 0));
    else if (url.pathname === "/cpu") {
      const usage = process.cpuUsage();
      body = { micros: usage.user + usage.system, threads: threadCpuMicros() };
    } else if (url.pathname === "/profile-start") {
      profile = await startProfile();
      body = {};
    } else if (url.pathname === "/profile-stop") {
      body = { top: (await profile?.stop(10, q("save") || undefined)) ?? [] };
      profile = null;
    } else throw new Error(`unknown control path ${url.pathname}`);
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  } catch (error) {
    response.writeHead(500).end(error instanceof Error ? error.message : String(error));
  }
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
const controlPort = (control.address() as AddressInfo).port;
console.log(
  JSON.stringify({ ready: true, origin: portal.origin, control: `http://127.0.0.1:${controlPort}` }),
);
process.on("SIGTERM", () => {
  control.close();
  portal.close().finally(() => process.exit(0));
});
