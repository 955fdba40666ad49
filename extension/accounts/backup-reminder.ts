// When the popup reminds the member to make a backup or print a recovery sheet: once after an account is
// added, and every 30 days while the accounts have changed since the last backup or sheet. The rule is a pure
// function of the record and the time; the record (timestamps only, nothing about the accounts) lives in
// storage.local and is updated by the background: on every vault write, export, printed sheet and reminder.
import type { Passkey } from "../passkeys/passkey";
import { readStored, removeStored, writeStored } from "../vault/stored-values";
import type { Account } from "./account";

export interface BackupRecord {
  /** Last change of the accounts a backup holds (added, removed, edited, re-bound). */
  changedAt?: number;
  /** Last time an account was added. */
  addedAt?: number;
  /** Last backup file saved or recovery sheet printed. */
  backedUpAt?: number;
  /** Last time the popup showed the reminder. */
  remindedAt?: number;
}

export const REMINDER_INTERVAL_MS = 30 * 24 * 60 * 60 * 1000;

const NEVER = Number.NEGATIVE_INFINITY;

export function reminderDue(record: BackupRecord, now: number): boolean {
  const backedUp = record.backedUpAt ?? NEVER;
  if (record.changedAt === undefined || record.changedAt <= backedUp) return false;
  const reminded = record.remindedAt ?? NEVER;
  if ((record.addedAt ?? NEVER) > Math.max(reminded, backedUp)) return true;
  return now - (record.remindedAt ?? record.changedAt) >= REMINDER_INTERVAL_MS;
}

/** What a backup would hold of an account (a used HOTP counter or a new order is no reason to remind). */
function recoveryKey(a: Account): string {
  return JSON.stringify([
    a.id,
    a.type,
    a.issuer,
    a.label,
    a.secret,
    a.algorithm,
    a.digits,
    a.period,
    a.origin,
  ]);
}

export type AccountsChange = "added" | "changed" | "none";

export function accountsChange(before: Account[], after: Account[]): AccountsChange {
  const ids = new Set(before.map((a) => a.id));
  if (after.some((a) => !ids.has(a.id))) return "added";
  const keys = new Set(before.map(recoveryKey));
  const same = before.length === after.length && after.every((a) => keys.has(recoveryKey(a)));
  return same ? "none" : "changed";
}

/** Passkeys a backup would hold: a new one is "added"; a rename or delete "changed"; a use (counter) "none". */
export function passkeysChange(before: readonly Passkey[], after: readonly Passkey[]): AccountsChange {
  const ids = new Set(before.map((p) => p.id));
  if (after.some((p) => !ids.has(p.id))) return "added";
  const labels = new Set(before.map((p) => `${p.id}\n${p.label}`));
  const same = before.length === after.length && after.every((p) => labels.has(`${p.id}\n${p.label}`));
  return same ? "none" : "changed";
}

/** The stronger of two changes (an add outweighs an edit). */
export function strongerChange(a: AccountsChange, b: AccountsChange): AccountsChange {
  return a === "added" || b === "added" ? "added" : a === "changed" || b === "changed" ? "changed" : "none";
}

export function withChange(record: BackupRecord, change: AccountsChange, now: number): BackupRecord {
  if (change === "none") return record;
  return { ...record, changedAt: now, ...(change === "added" ? { addedAt: now } : {}) };
}

const RECORD_KEY = "backupRecord";

function parseRecord(value: unknown): BackupRecord {
  const v = (value ?? {}) as Record<string, unknown>;
  const record: BackupRecord = {};
  for (const key of ["changedAt", "addedAt", "backedUpAt", "remindedAt"] as const) {
    if (typeof v[key] === "number" && Number.isFinite(v[key])) record[key] = v[key] as number;
  }
  return record;
}

let queue: Promise<unknown> = Promise.resolve();

/** Record updates one after another, so that a change and a reminder cannot overwrite each other. */
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

function updateRecord<T>(change: (record: BackupRecord) => { record: BackupRecord; result: T }): Promise<T> {
  return serialised(async () => {
    const current = parseRecord(await readStored("local", RECORD_KEY));
    const { record, result } = change(current);
    if (record !== current) await writeStored("local", { [RECORD_KEY]: record });
    return result;
  });
}

export function recordAccountsChange(before: Account[], after: Account[], now = Date.now()): Promise<void> {
  return recordVaultChange({ accounts: before }, { accounts: after }, now);
}

type Holdings = { accounts: Account[]; passkeys?: Passkey[] };

/** A vault write: its accounts' and its passkeys' change, the stronger of the two. */
export function recordVaultChange(before: Holdings, after: Holdings, now = Date.now()): Promise<void> {
  const change = strongerChange(
    accountsChange(before.accounts, after.accounts),
    passkeysChange(before.passkeys ?? [], after.passkeys ?? []),
  );
  return updateRecord((r) => ({ record: withChange(r, change, now), result: undefined }));
}

/** When the last backup file was saved or recovery sheet printed (a passkey's "backed up" flag). */
export async function lastBackupAt(): Promise<number | undefined> {
  return parseRecord(await readStored("local", RECORD_KEY)).backedUpAt;
}

export function recordBackup(now = Date.now()): Promise<void> {
  return updateRecord((r) => ({ record: { ...r, backedUpAt: now }, result: undefined }));
}

/** The reset of the vault (no accounts left, nothing to remind of). */
export function forgetBackupRecord(): Promise<void> {
  return serialised(() => removeStored("local", RECORD_KEY));
}

/** Whether the popup should remind now; a reminder is shown once, so saying yes records it. */
export function takeReminder(now = Date.now()): Promise<boolean> {
  return updateRecord((r) =>
    reminderDue(r, now) ? { record: { ...r, remindedAt: now }, result: true } : { record: r, result: false },
  );
}
