// The limiter: its back-off schedule, and attempts taken before they are judged — many at once against one key
// on SQLite and on PostgreSQL never get more than the free attempts through.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  accountScope,
  clientKey,
  clientNetwork,
  clientRule,
  clientScope,
  delayAfter,
  FLOWS,
  isBlocked,
  memberRule,
  scheduleOf,
  takeAttempt,
} from "../../../../portal/auth/limiter";
import type { Deps } from "../../../../portal/deps";
import { bothStores } from "../support/both-stores";
import { createTestDeps, type TestDeps } from "../support/test-deps";

describe("back-off schedule", () => {
  it("is free for 4 attempts, then doubles from 30 s at the 5th and stops at 15 min", () => {
    const delays = Array.from({ length: 12 }, (_, i) => delayAfter(i + 1, memberRule) / 1000);
    expect(delays).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(scheduleOf(memberRule).waits).toEqual([30, 60, 120, 240, 480, 900].map((s) => s * 1000));
  });

  it("allows more attempts per client address than per account", () => {
    expect(delayAfter(10, clientRule)).toBe(0);
    expect(delayAfter(30, clientRule)).toBe(30_000);
  });
});

const account = accountScope(FLOWS.password, "Taro");

/** Takes `count` attempts at once and says how many were let through to be judged. */
async function allowedAmong(deps: Pick<Deps, "db" | "clock">, count: number): Promise<number> {
  const attempts = await Promise.all(Array.from({ length: count }, () => takeAttempt(deps, [account])));
  return attempts.filter((a) => a.allowed).length;
}

describe("limiter store (SQLite)", () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => {
    await deps.cleanup();
  });

  it("judges the free attempts, then blocks until the wait is over", async () => {
    for (let i = 0; i < 5; i++) expect((await takeAttempt(deps, [account])).allowed).toBe(true);
    expect((await takeAttempt(deps, [account])).allowed).toBe(false);
    deps.advance(29_999);
    expect(await isBlocked(deps, [account])).toBe(true);
    deps.advance(1);
    expect(await isBlocked(deps, [account])).toBe(false);
    expect((await takeAttempt(deps, [account])).allowed).toBe(true); // the 6th: judged, then 60 s
    expect((await takeAttempt(deps, [account])).allowed).toBe(false);
    deps.advance(60_000);
    expect((await takeAttempt(deps, [account])).allowed).toBe(true);
  });

  it("keeps keys and flows apart, and keys user IDs case-insensitively", async () => {
    for (let i = 0; i < 5; i++) await takeAttempt(deps, [accountScope(FLOWS.password, "taro")]);
    expect(await isBlocked(deps, [account])).toBe(true);
    expect(await isBlocked(deps, [accountScope(FLOWS.password, "hanako")])).toBe(false);
    expect(await isBlocked(deps, [accountScope(FLOWS.reauth, "taro")])).toBe(false);
  });

  it("success clears the account and gives the client its attempt back; nothing locks for good", async () => {
    const client = clientScope(FLOWS.password, "203.0.113.9");
    for (let i = 0; i < 4; i++) await takeAttempt(deps, [account, client]);
    await (await takeAttempt(deps, [account, client])).succeeded();
    expect(await isBlocked(deps, [account])).toBe(false);
    const rows = await deps.db.selectFrom("attempts").select(["key", "failures"]).execute();
    expect(rows).toEqual([{ key: clientKey("203.0.113.9"), failures: 4 }]);

    for (let i = 0; i < 20; i++) {
      await takeAttempt(deps, [account]);
      deps.advance(15 * 60_000);
    }
    deps.advance(12 * 60 * 60_000);
    expect((await takeAttempt(deps, [account])).allowed).toBe(true);
  });

  it("counts the attempt in no scope when one of them is blocked", async () => {
    const client = clientScope(FLOWS.password, "198.51.100.7");
    for (let i = 0; i < 5; i++) await takeAttempt(deps, [account]);
    expect((await takeAttempt(deps, [account, client])).allowed).toBe(false);
    const clientRow = await deps.db
      .selectFrom("attempts")
      .select("failures")
      .where("key", "=", client.key)
      .executeTakeFirst();
    expect(clientRow).toBeUndefined();
    // The scopes' order does not matter: the blocked one may come first or last.
    expect((await takeAttempt(deps, [client, account])).allowed).toBe(false);
    expect(await isBlocked(deps, [client])).toBe(false);
  });

  it("does not refuse a free attempt whose clock reading is a moment older than the last write", async () => {
    // Concurrent requests (or two instances) read the clock first and write in any order.
    const later = { db: deps.db, clock: () => new Date(deps.clock().getTime() + 5) };
    expect((await takeAttempt(later, [account])).allowed).toBe(true);
    expect((await takeAttempt(deps, [account])).allowed).toBe(true);
  });

  it("lets at most the free attempts through when 200 arrive at once", async () => {
    expect(await allowedAmong(deps, 200)).toBe(memberRule.freeFailures);
  });
});

describe("limiter store (PostgreSQL)", () => {
  const stores = bothStores();

  it("lets at most the free attempts through when 200 arrive at once (pool of 10 connections)", async (context) => {
    const { local, pg } = stores;
    if (!pg) return context.skip();
    const deps = { db: pg.db, clock: local.clock };
    expect(await allowedAmong(deps, 200)).toBe(memberRule.freeFailures);
    expect(await isBlocked(deps, [account])).toBe(true);
    local.advance(30_000);
    expect(await allowedAmong(deps, 50)).toBe(1);
  });

  it("takes two scopes at once from many clients without deadlock, and judges at most the free attempts", async (context) => {
    const { local, pg } = stores;
    if (!pg) return context.skip();
    const deps = { db: pg.db, clock: local.clock };
    const member = accountScope(FLOWS.password, "Jiro");
    const attempts = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        // Half list the client first: each request still takes its rows in the one global order.
        takeAttempt(
          deps,
          i % 2
            ? [member, clientScope(FLOWS.password, `192.0.2.${i}`)]
            : [clientScope(FLOWS.password, `192.0.2.${i}`), member],
        ),
      ),
    );
    expect(attempts.filter((a) => a.allowed)).toHaveLength(memberRule.freeFailures);
  });
});

describe("client keys", () => {
  it("key IPv4 by address and IPv6 by its /64 network", () => {
    expect(clientNetwork("203.0.113.9")).toBe("203.0.113.9");
    expect(clientNetwork("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(clientNetwork("2001:db8:0:1:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:0:1::/64");
    expect(clientNetwork("2001:0DB8:0000:0001::1")).toBe("2001:db8:0:1::/64");
    expect(clientNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("2001:db8:0:1::abcd")).toBe(clientKey("2001:db8:0:1:ffff::1"));
    expect(clientKey("2001:db8:0:1::abcd")).not.toBe(clientKey("2001:db8:0:2::abcd"));
    expect(clientKey(null)).toBe("client:unknown");
  });
});
