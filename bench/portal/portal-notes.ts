// Plain statements for every portal target that was missed, with the figures that show what limits it.
import { formatNumber } from "../report";

export interface PortalFigures {
  cores: number;
  argonMs: number;
  signInsPerCore: number;
  probeIdleP99: number;
  probePeakP99: number;
  probe80P99: number;
  p99At80: number;
  pageRate: number;
  appMicros: number | null;
  bareRate: number;
}

const f = (value: number, digits = 1) => formatNumber(value, digits);

export function portalMissNotes(x: PortalFigures): string[] {
  const notes: string[] = [];
  const ceiling = 1000 / x.argonMs;
  if (x.signInsPerCore < 100 && x.signInsPerCore >= 0.8 * ceiling) {
    notes.push(
      `MISS — sign-ins: ${f(x.signInsPerCore)} /s/core against ≥ 100 (${f(x.signInsPerCore / 15)}× Keycloak's 15 against ≥ 6×). That is ${f((100 * x.signInsPerCore) / ceiling, 0)} % of what Argon2id alone allows in this run: one verify at the shipped parameters (m=19456, t=2) took ${f(x.argonMs)} ms measured by itself (≈ ${f(ceiling)} /s per core), so the hash is the limit; the rest of the request (member read, one transaction taking the limiter's attempts, one transaction for the success, redirect) costs little beside it. On this shared machine the verify is slower than the ~115 /s/core the issue measured beforehand; the figure moves with that.`,
    );
  } else if (x.signInsPerCore < 100) {
    notes.push(
      `MISS — sign-ins: ${f(x.signInsPerCore)} /s/core against ≥ 100 (${f(x.signInsPerCore / 15)}× Keycloak's 15 against ≥ 6×). One Argon2id verify alone took ${f(x.argonMs)} ms in this run (≈ ${f(ceiling)} /s for a core doing nothing else); each sign-in also does, on the event-loop thread, the member read, one transaction taking the limiter's attempts before the hash and one after it (attempt clear, session row, the member's language if it changed, security event), and autocannon runs on the same ${x.cores} cores.`,
    );
  }
  if (x.probePeakP99 >= 20 || x.probe80P99 >= 20) {
    notes.push(
      `MISS — sign-in page during the storm: GET /login p99 ${f(x.probePeakP99, 0)} ms at peak and ${f(x.probe80P99, 0)} ms at 80 %, against < 20 ms; alone (no storm) its p99 is ${f(x.probeIdleP99, 0)} ms. Argon2id runs on libuv's thread pool, not on the event loop, but the pool's threads, the event loop and the load generator share ${x.cores} cores: the page waits for CPU, and for the event loop's other work (each sign-in's database reads/writes and rendering).`,
    );
  }
  if (x.p99At80 >= 150) {
    notes.push(
      `MISS — sign-in p99 at 80 % of peak: ${f(x.p99At80, 0)} ms against < 150 ms (one Argon2id verify alone took ${f(x.argonMs)} ms in this run). Near saturation on ${x.cores} shared cores, requests queue for the thread pool and the CPU.`,
    );
  }
  if (x.pageRate < 10_000) {
    const app =
      x.appMicros === null
        ? ""
        : ` Through app.fetch inside the portal process, without HTTP, one page costs ${f(x.appMicros, 0)} µs of sequential work,`;
    notes.push(
      `MISS — signed-in page: ${f(x.pageRate, 0)} req/s against ≥ 10,000.${app} while a bare Hono GET through the same load generator reaches ${f(x.bareRate, 0)} req/s. The page frame and the top page's content are rendered once (only the welcome line per request) and notices are re-read every 5 s, so what each request still pays is the joined session + member read through Kysely + better-sqlite3 (validity checked against the database every time; most of its cost is turning the session's and member's full row into a JavaScript object), Hono's middleware (cookies, locale, CSRF, security headers) and Node's HTTP handling — on the same ${x.cores} cores as the load generator. See the profile note for where that time goes.`,
    );
  }
  return notes;
}
