// Auto-lock after an idle time: every use of the unlocked vault re-arms one alarm; when it fires, the key is
// removed from storage.session. The alarm survives the service worker being stopped.
import { browser } from "wxt/browser";

export const AUTO_LOCK_ALARM = "auto-lock";
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
export const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 240] as const;

export async function armAutoLock(minutes: number): Promise<void> {
  await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: minutes });
}

export async function disarmAutoLock(): Promise<void> {
  await browser.alarms.clear(AUTO_LOCK_ALARM);
}

/** When the alarm fires, `lock` runs (the background passes lockVault). */
export function registerAutoLock(lock: () => Promise<void>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void lock();
  });
}
