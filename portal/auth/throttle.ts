// Failure throttling with exponential back-off, stored in the database so it holds across instances.
// After `freeFailures` failures each further one doubles the wait (30 s, 60 s, … capped at 15 min);
// nothing is ever locked for good, so an attacker cannot lock a member out permanently.
import { isIPv6 } from "node:net";
import type { Deps } from "../deps";
import { now } from "../deps";

export interface ThrottleRule {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  resetAfterMs: number;
}

export const defaultRule: ThrottleRule = {
  freeFailures: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  resetAfterMs: 12 * 60 * 60_000,
};

/** Per-client keys see many members behind one address: allow more before slowing down. */
export const clientRule: ThrottleRule = { ...defaultRule, freeFailures: 30 };

export interface ThrottleState {
  allowed: boolean;
  retryAfterMs: number;
}

export function delayAfter(failures: number, rule: ThrottleRule = defaultRule): number {
  if (failures < rule.freeFailures) return 0;
  const exponent = Math.min(failures - rule.freeFailures, 30);
  return Math.min(rule.baseDelayMs * 2 ** exponent, rule.maxDelayMs);
}

export async function checkThrottle(deps: Deps, scope: string, key: string): Promise<ThrottleState> {
  const row = await deps.db
    .selectFrom("throttle")
    .select(["blocked_until"])
    .where("scope", "=", scope)
    .where("key", "=", key)
    .executeTakeFirst();
  const wait = row ? row.blocked_until - now(deps) : 0;
  return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true, retryAfterMs: 0 };
}

export async function recordFailure(
  deps: Deps,
  scope: string,
  key: string,
  rule: ThrottleRule = defaultRule,
): Promise<void> {
  const at = now(deps);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("throttle")
      .select(["failures", "last_failure_at"])
      .where("scope", "=", scope)
      .where("key", "=", key)
      .executeTakeFirst();
    const previous = row && at - row.last_failure_at < rule.resetAfterMs ? row.failures : 0;
    const failures = previous + 1;
    const blockedUntil = at + delayAfter(failures, rule);
    if (row) {
      await trx
        .updateTable("throttle")
        .set({ failures, last_failure_at: at, blocked_until: blockedUntil })
        .where("scope", "=", scope)
        .where("key", "=", key)
        .execute();
    } else {
      await trx
        .insertInto("throttle")
        .values({ scope, key, failures, last_failure_at: at, blocked_until: blockedUntil })
        .onConflict((oc) =>
          oc
            .columns(["scope", "key"])
            .doUpdateSet({ failures, last_failure_at: at, blocked_until: blockedUntil }),
        )
        .execute();
    }
  });
}

export async function clearFailures(deps: Deps, scope: string, key: string): Promise<void> {
  await deps.db.deleteFrom("throttle").where("scope", "=", scope).where("key", "=", key).execute();
}

/** Keys used by the flows: one per account (case-insensitive user ID) and one per client address. */
export const accountKey = (userId: string): string => `account:${userId.trim().toLowerCase()}`;
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
