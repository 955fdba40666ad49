import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkThrottle,
  clearFailures,
  clientKey,
  clientNetwork,
  clientRule,
  defaultRule,
  delayAfter,
  recordFailure,
} from "../../../../portal/auth/throttle";
import { createTestDeps, type TestDeps } from "../support/test-deps";

describe("back-off schedule", () => {
  it("is free for 5 failures, then doubles from 30 s and stops at 15 min", () => {
    const delays = Array.from({ length: 12 }, (_, i) => delayAfter(i + 1, defaultRule) / 1000);
    expect(delays).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it("allows more failures per client address than per account", () => {
    expect(delayAfter(10, clientRule)).toBe(0);
    expect(delayAfter(30, clientRule)).toBe(30_000);
  });
});

describe("throttle store", () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => {
    await deps.cleanup();
  });

  it("blocks after the free failures and lets the key through again when the wait is over", async () => {
    for (let i = 0; i < 4; i++) await recordFailure(deps, "password", "account:a");
    expect((await checkThrottle(deps, "password", "account:a")).allowed).toBe(true);
    await recordFailure(deps, "password", "account:a");
    const blocked = await checkThrottle(deps, "password", "account:a");
    expect(blocked).toEqual({ allowed: false, retryAfterMs: 30_000 });
    deps.advance(29_999);
    expect((await checkThrottle(deps, "password", "account:a")).allowed).toBe(false);
    deps.advance(1);
    expect((await checkThrottle(deps, "password", "account:a")).allowed).toBe(true);
  });

  it("keeps keys and scopes apart", async () => {
    for (let i = 0; i < 5; i++) await recordFailure(deps, "password", "account:a");
    expect((await checkThrottle(deps, "password", "account:b")).allowed).toBe(true);
    expect((await checkThrottle(deps, "birthdate", "account:a")).allowed).toBe(true);
  });

  it("forgets failures on success and after the reset window, so nothing locks for good", async () => {
    for (let i = 0; i < 5; i++) await recordFailure(deps, "password", "account:a");
    await clearFailures(deps, "password", "account:a");
    expect((await checkThrottle(deps, "password", "account:a")).allowed).toBe(true);

    for (let i = 0; i < 20; i++) await recordFailure(deps, "password", "account:c");
    expect((await checkThrottle(deps, "password", "account:c")).retryAfterMs).toBe(15 * 60_000);
    deps.advance(12 * 60 * 60_000);
    await recordFailure(deps, "password", "account:c");
    expect((await checkThrottle(deps, "password", "account:c")).allowed).toBe(true);
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
