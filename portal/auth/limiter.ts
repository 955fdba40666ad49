// One limiter for every guessable secret (passwords, birth dates, codes) and for recovery requests. Each
// attempt is TAKEN — counted by one conditional write per scope in db/attempts.ts, all in one transaction —
// before the secret is judged, in every scope it belongs to (the account or this member's known device, and the
// client address); an attempt that any scope refuses counts nowhere and is not judged at all. Success clears
// the account's count and gives the client its attempt back. After `freeFailures` attempts each further one
// doubles the wait (30 s, 60 s, … 15 min); nothing is ever locked for good, so an attacker cannot lock a member
// out permanently.
import { isIPv6 } from "node:net";
import type { Kysely } from "kysely";
import {
  blockedFor,
  clearAttempts,
  refundAttempt,
  takeAttempt as takeStoredAttempt,
  type WaitSchedule,
} from "../db/attempts";
import type { Database } from "../db/schema";
import type { Deps } from "../deps";
import { now } from "../deps";

export interface LimitRule {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts older than this are forgotten. */
  resetAfterMs: number;
}

export const memberRule: LimitRule = {
  freeFailures: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  resetAfterMs: 12 * 60 * 60_000,
};

/** Per-client keys see many members behind one address: allow more before slowing down. */
export const clientRule: LimitRule = { ...memberRule, freeFailures: 30 };

/** What each flow limits; a flow's attempts never count against another flow. */
export const FLOWS = {
  password: "password",
  reauth: "reauth",
  passwordChange: "password-change",
  birthDate: "birth-date",
  appCode: "app-code",
  mailCode: "mail-code",
  passkey: "passkey",
  recovery: "recovery",
  passwordlessOptions: "passwordless-options",
} as const;
export type Flow = (typeof FLOWS)[keyof typeof FLOWS];

/** The wait after the n-th counted attempt (n from 1): 0, then doubling from the base up to the maximum. */
export function delayAfter(attempts: number, rule: LimitRule = memberRule): number {
  if (attempts < rule.freeFailures) return 0;
  const exponent = Math.min(attempts - rule.freeFailures, 30);
  return Math.min(rule.baseDelayMs * 2 ** exponent, rule.maxDelayMs);
}

const schedules = new WeakMap<LimitRule, WaitSchedule>();

/**
 * The rule as the table of waits the storage writes in one statement (it ends at the maximum). One object per
 * rule: the storage compiles its statement once per schedule.
 */
export function scheduleOf(rule: LimitRule): WaitSchedule {
  const known = schedules.get(rule);
  if (known) return known;
  const waits: number[] = [];
  for (let n = rule.freeFailures; waits.at(-1) !== rule.maxDelayMs; n++) waits.push(delayAfter(n, rule));
  const schedule = { freeFailures: rule.freeFailures, waits, resetAfterMs: rule.resetAfterMs };
  schedules.set(rule, schedule);
  return schedule;
}

export interface LimiterScope {
  flow: Flow;
  key: string;
  rule: LimitRule;
  /** On success: "clear" the count (the member proved the secret) or "refund" this one attempt (a client). */
  onSuccess: "clear" | "refund";
}

/** The member's account (case-insensitive user ID, or member ID) in a flow. */
export function accountScope(flow: Flow, account: string): LimiterScope {
  return { flow, key: `account:${account.trim().toLowerCase()}`, rule: memberRule, onSuccess: "clear" };
}

/** A browser where this member signed in before (auth/known-device.ts): its own count, apart from the account's. */
export function deviceScope(flow: Flow, memberId: string, deviceId: string): LimiterScope {
  return { flow, key: `device:${memberId}:${deviceId}`, rule: memberRule, onSuccess: "clear" };
}

export function clientScope(flow: Flow, ip: string | null, rule: LimitRule = clientRule): LimiterScope {
  return { flow, key: clientKey(ip), rule, onSuccess: "refund" };
}

export interface Attempt {
  /** False: some scope is blocked; the secret must not be judged (spend the same work on a dummy). */
  allowed: boolean;
  /**
   * The secret was right: clear the account's count, give the client its attempt back — with `db` if given
   * (the transaction that writes the rest of the success).
   */
  succeeded(db?: Kysely<Database>): Promise<void>;
}

/**
 * Takes one attempt in every scope, before the secret is judged, in one transaction: if any scope is blocked,
 * the transaction is rolled back, so an attempt that is not judged counts nowhere, and `allowed` is false.
 * One commit for all scopes (each commit is a write of the database's log); the scopes are taken in one global
 * order, (flow, key), so that two requests on PostgreSQL never wait for each other's rows in a cycle.
 */
export async function takeAttempt(
  deps: Pick<Deps, "db" | "clock">,
  scopes: LimiterScope[],
): Promise<Attempt> {
  const at = now(deps);
  const ordered = [...scopes].sort((a, b) => compareKeys(a, b));
  // Its own transaction, never a caller's: the attempt must be committed before the secret is judged.
  const allowed = await deps.db
    .transaction()
    .execute(async (db) => {
      for (const scope of ordered) {
        const input = { scope: scope.flow, key: scope.key, at };
        if ((await takeStoredAttempt(db, input, scheduleOf(scope.rule))) === null) throw BLOCKED;
      }
      return true;
    })
    .catch((error: unknown) => {
      if (error === BLOCKED) return false;
      throw error;
    });
  return {
    allowed,
    async succeeded(db = deps.db) {
      if (!allowed) return;
      await Promise.all(
        scopes.map((scope) =>
          scope.onSuccess === "clear"
            ? clearAttempts(db, scope.flow, scope.key)
            : refundAttempt(db, scope.flow, scope.key),
        ),
      );
    },
  };
}

/** Thrown inside takeAttempt's transaction to roll it back: some scope is blocked. */
const BLOCKED = Symbol("blocked");

function compareKeys(a: LimiterScope, b: LimiterScope): number {
  if (a.flow !== b.flow) return a.flow < b.flow ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Whether any scope is blocked now (for steps that judge nothing, e.g. handing out a challenge). */
export async function isBlocked(deps: Pick<Deps, "db" | "clock">, scopes: LimiterScope[]): Promise<boolean> {
  const at = now(deps);
  const waits = await Promise.all(scopes.map((scope) => blockedFor(deps.db, scope.flow, scope.key, at)));
  return waits.some((wait) => wait > 0);
}

/** Per-client key: an IPv4 address or an IPv6 /64 network. */
export const clientKey = (ip: string | null): string => `client:${ip ? clientNetwork(ip) : "unknown"}`;

/**
 * The unit one client controls: an IPv4 address (also when written IPv4-mapped, ::ffff:a.b.c.d), or the /64
 * network of an IPv6 address — one household or phone gets a whole /64 and could rotate through it.
 */
export function clientNetwork(ip: string): string {
  const address = ip.split("%")[0]!.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  const prefix = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return prefix.length === 4 && prefix.every((g) => g !== "NaN") ? `${prefix.join(":")}::/64` : address;
}
