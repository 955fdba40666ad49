// Auto-lock: arming schedules the alarm for the chosen idle time; when it fires the session key is removed.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { armAutoLock, disarmAutoLock, registerAutoLock, AUTO_LOCK_ALARM } = await import(
  "../../../../extension/vault/auto-lock"
);
const { createVault, isUnlocked, lockVault } = await import("../../../../extension/vault/vault-store");
const { delayAfterFailures } = await import("../../../../extension/vault/unlock-throttle");

beforeEach(() => {
  fakeBrowser.reset();
});

describe("auto-lock", () => {
  it("schedules the alarm the chosen minutes ahead and locks when it fires", async () => {
    registerAutoLock(lockVault);
    await createVault("correct horse battery");
    const start = Date.now();
    await armAutoLock(15);
    const alarm = await fakeBrowser.alarms.get(AUTO_LOCK_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(start + 15 * 60_000);
    expect(alarm?.scheduledTime).toBeLessThan(start + 15 * 60_000 + 5_000);
    expect(await isUnlocked()).toBe(true);

    await fakeBrowser.alarms.onAlarm.trigger({ name: AUTO_LOCK_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect(await isUnlocked()).toBe(false));
  });

  it("ignores other alarms, and disarming removes the alarm", async () => {
    registerAutoLock(lockVault);
    await createVault("correct horse battery");
    await fakeBrowser.alarms.onAlarm.trigger({ name: "something-else", scheduledTime: Date.now() });
    expect(await isUnlocked()).toBe(true);
    await armAutoLock(5);
    await disarmAutoLock();
    expect(await fakeBrowser.alarms.get(AUTO_LOCK_ALARM)).toBeUndefined();
  });

  it("throttles: three free attempts, then growing delays up to five minutes", () => {
    expect([1, 2, 3, 4, 5].map(delayAfterFailures)).toEqual([0, 0, 2000, 4000, 8000]);
    expect(delayAfterFailures(30)).toBe(300_000);
  });
});
