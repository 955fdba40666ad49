// The running portal behind a reverse proxy: with TRUST_PROXY each member behind the proxy has their own
// per-client throttle (the address the proxy appended to X-Forwarded-For); without it, a forged header does
// not move an attacker out of the throttle of their real address. This test's fetch plays the proxy.
import { afterEach, describe, expect, it } from "vitest";
import { clientRule } from "../../../../portal/auth/limiter";
import { startTestPortal, type TestPortal } from "../../../e2e/support/portal";

const started: TestPortal[] = [];
afterEach(async () => {
  for (const portal of started.splice(0)) await portal.close();
});

const time = Date.parse("2026-11-25T09:00:00Z"); // still: a throttle never runs out during the test

async function portalWithMember(env: Record<string, string>): Promise<TestPortal> {
  const portal = await startTestPortal({ env, clock: () => new Date(time) });
  started.push(portal);
  await portal.addMember({ userId: "hanako", password: "initial-hanako", birthDate: "1980-04-01" });
  return portal;
}

function signIn(portal: TestPortal, forwardedFor: string, userId: string, password: string) {
  return fetch(`${portal.origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: portal.origin, "x-forwarded-for": forwardedFor },
    body: new URLSearchParams({ user_id: userId, password }),
  });
}

/** Enough wrong passwords (each for a different unknown user, so no account throttle) to block a client. */
async function exhaustClientThrottle(portal: TestPortal, forwardedFor: (attempt: number) => string) {
  for (let attempt = 0; attempt < clientRule.freeFailures; attempt++) {
    const response = await signIn(portal, forwardedFor(attempt), `nobody-${attempt}`, "wrong-password");
    expect(response.status).toBe(400);
  }
}

describe("per-client throttle behind a reverse proxy", () => {
  it("with TRUST_PROXY, throttles two members behind the proxy separately and ignores forged left-most entries", async () => {
    const portal = await portalWithMember({ TRUST_PROXY: "127.0.0.1,::1" });
    // The attacker at 198.51.100.7 forges a new left-most entry each time; the proxy appends the real one.
    await exhaustClientThrottle(portal, (attempt) => `192.0.2.${attempt}, 198.51.100.7`);

    const attacker = await signIn(portal, "192.0.2.200, 198.51.100.7", "hanako", "initial-hanako");
    expect(attacker.status).toBe(400); // the right password is refused: the attacker's address is blocked
    const member = await signIn(portal, "198.51.100.8", "hanako", "initial-hanako");
    expect(member.status).toBe(303); // another member behind the same proxy is not
    expect(member.headers.get("location")).toBe("/first-login");

    const events = await portal.portal.db
      .selectFrom("security_events")
      .select(["type", "ip"])
      .where("type", "in", ["sign-in", "sign-in-failed"])
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        { type: "sign-in-failed", ip: "198.51.100.7" },
        { type: "sign-in", ip: "198.51.100.8" },
      ]),
    );
  }, 120_000);

  it("without TRUST_PROXY, a forged X-Forwarded-For does not escape the throttle", async () => {
    const portal = await portalWithMember({});
    await exhaustClientThrottle(portal, (attempt) => `203.0.113.${attempt}`);

    const forged = await signIn(portal, "198.51.100.99", "hanako", "initial-hanako");
    expect(forged.status).toBe(400);
  }, 120_000);
});
