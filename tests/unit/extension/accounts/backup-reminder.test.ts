// The popup's backup reminder: once after an account is added, then every 30 days while the accounts have
// changed since the last backup or printed recovery sheet; never while everything is backed up.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { Account } from "../../../../extension/accounts/account";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const {
  accountsChange,
  recordAccountsChange,
  recordBackup,
  reminderDue,
  REMINDER_INTERVAL_MS,
  takeReminder,
} = await import("../../../../extension/accounts/backup-reminder");

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1);

function account(id: string, overrides: Partial<Account> = {}): Account {
  return {
    id,
    type: "totp",
    issuer: "KOSMO Web",
    label: `${id}@example.jp`,
    secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    createdAt: T0,
    ...overrides,
  };
}

describe("reminderDue (time as input)", () => {
  it("says nothing before any change, and nothing while the last backup is newer than the last change", () => {
    expect(reminderDue({}, T0)).toBe(false);
    expect(reminderDue({ changedAt: T0, addedAt: T0, backedUpAt: T0 + 1 }, T0 + 400 * DAY)).toBe(false);
  });

  it("reminds right after an add, once: not again until 30 days after that reminder", () => {
    const added = { changedAt: T0, addedAt: T0 };
    expect(reminderDue(added, T0 + 1)).toBe(true);
    const shown = { ...added, remindedAt: T0 + 1 };
    expect(reminderDue(shown, T0 + 2)).toBe(false);
    expect(reminderDue(shown, T0 + 1 + 30 * DAY - 1)).toBe(false);
    expect(reminderDue(shown, T0 + 1 + REMINDER_INTERVAL_MS)).toBe(true);
    expect(REMINDER_INTERVAL_MS).toBe(30 * DAY);
  });

  it("reminds again at once when another account is added after the reminder", () => {
    expect(reminderDue({ changedAt: T0 + 5, addedAt: T0 + 5, remindedAt: T0 + 1 }, T0 + 6)).toBe(true);
  });

  it("an edit or delete (no add) reminds 30 days after the change, not at once", () => {
    const edited = { changedAt: T0 + 10 * DAY, addedAt: T0, backedUpAt: T0 + DAY };
    expect(reminderDue(edited, T0 + 10 * DAY + 1)).toBe(false);
    expect(reminderDue(edited, T0 + 40 * DAY)).toBe(true);
  });

  it("an add that a backup already covers does not remind when a later edit is not backed up yet", () => {
    const record = { addedAt: T0, backedUpAt: T0 + DAY, changedAt: T0 + 2 * DAY };
    expect(reminderDue(record, T0 + 2 * DAY + 1)).toBe(false);
    expect(reminderDue(record, T0 + 32 * DAY)).toBe(true);
  });
});

describe("accountsChange", () => {
  it("tells an add from an edit from nothing that a backup holds", () => {
    const a = account("a");
    const b = account("b");
    expect(accountsChange([a], [a, b])).toBe("added");
    expect(accountsChange([a, b], [b])).toBe("changed");
    expect(accountsChange([a], [{ ...a, label: "renamed" }])).toBe("changed");
    expect(accountsChange([a], [{ ...a, origin: "https://kosmo.example" }])).toBe("changed");
    expect(accountsChange([a, b], [b, a])).toBe("none");
    expect(
      accountsChange(
        [account("h", { type: "hotp", counter: 1 })],
        [account("h", { type: "hotp", counter: 2 })],
      ),
    ).toBe("none");
  });
});

describe("the stored record", () => {
  beforeEach(() => fakeBrowser.reset());

  it("an add reminds once; a backup silences it; 30 days after a later edit it reminds again", async () => {
    await recordAccountsChange([], [account("a")], T0);
    expect(await takeReminder(T0 + 1000)).toBe(true);
    expect(await takeReminder(T0 + 2000)).toBe(false);

    await recordBackup(T0 + DAY);
    await recordAccountsChange([account("a")], [account("a", { label: "new" })], T0 + 2 * DAY);
    expect(await takeReminder(T0 + 3 * DAY)).toBe(false);
    expect(await takeReminder(T0 + 32 * DAY)).toBe(true);
    expect(await takeReminder(T0 + 33 * DAY)).toBe(false);

    await recordBackup(T0 + 34 * DAY);
    expect(await takeReminder(T0 + 400 * DAY)).toBe(false);
    // Only timestamps are stored: nothing about the accounts.
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain("KOSMO");
  });

  it("two reminders asked at once show it once", async () => {
    await recordAccountsChange([], [account("a")], T0);
    const answers = await Promise.all([takeReminder(T0 + 1), takeReminder(T0 + 1), takeReminder(T0 + 1)]);
    expect(answers.filter(Boolean)).toHaveLength(1);
  });
});
