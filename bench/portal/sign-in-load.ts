// The password sign-in load the portal benches send: the right password for a random seeded member, each
// request from a client address of its own. autocannon sends everything from 127.0.0.1; without a distinct
// client per request the portal's per-client limiter (issue 8: attempts taken before they are judged) sees
// one client with up to two runs' connections in flight at once and throttles it, and the figures would
// count throttled answers instead of sign-ins. So the bench plays the operator's reverse proxy: the portal
// trusts the loopback peer (TRUST_PROXY) and reads the client from X-Forwarded-For, as in production.
import { BENCH_PASSWORD, userIdOf } from "./bench-members";
import type { CannonOptions } from "./cannon";

/** TRUST_PROXY for a portal the bench loads: the load generator on loopback is its proxy. */
export const LOAD_GENERATOR_PROXY = "127.0.0.1,::1";

let requests = 0;

/** 100.64.0.1, 100.64.0.2, … (the shared address space, RFC 6598): a new client for every call. */
export function nextClientAddress(): string {
  requests = (requests + 1) % 2 ** 22; // the /10 holds 4 M addresses; the benches send far fewer per run
  return `100.${64 + (requests >>> 16)}.${(requests >>> 8) & 255}.${requests & 255}`;
}

/** POST /login with the right password for a random one of `members`, from a new client address each time. */
export function signInLoad(
  origin: string,
  members: number,
): Pick<CannonOptions, "url" | "method" | "headers" | "body" | "headersPerRequest" | "expectStatus"> {
  const password = encodeURIComponent(BENCH_PASSWORD);
  return {
    url: `${origin}/login`,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: () => `user_id=${userIdOf(Math.floor(Math.random() * members))}&password=${password}`,
    headersPerRequest: () => ({ "x-forwarded-for": nextClientAddress() }),
    expectStatus: 303,
  };
}

/** What a status other than the sign-in's 303 means on POST /login, for the report. */
export const SIGN_IN_STATUS_MEANINGS =
  "400 = the sign-in page again: a wrong or throttled sign-in (the portal answers both alike); 403 = refused by the CSRF or Host check; 500 = a server error; 503 = the database unavailable";
