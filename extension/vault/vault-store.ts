// The vault in storage.local: create, unlock, read, update, change master password, reset.
// Every write is one storage.local.set of the whole envelope (atomic) with a fresh IV. Plaintext — secrets,
// labels, origins — exists only in memory of trusted extension contexts.
import type { Account } from "../accounts/account";
import { parseVaultData } from "../accounts/account";
import { forgetBackupRecord, recordVaultChange } from "../accounts/backup-reminder";
import type { UnlockResult } from "../messaging";
import type { Passkey } from "../passkeys/passkey";
import {
  defaultKdfParams,
  type Envelope,
  type KdfParams,
  openEnvelope,
  parseEnvelope,
  sealEnvelope,
} from "./envelope";
import { deriveKeyBytes, importAesKey } from "./kdf";
import { forgetPasswordTyped, markPasswordTyped } from "./recent-password";
import { clearSessionKey, loadSessionKey, storeSessionKey } from "./session-key";
import { readStored, removeStored, writeStored } from "./stored-values";
import { clearUnlockFailures, recordUnlockFailure, unlockWaitMs } from "./unlock-throttle";

export const VAULT_STORAGE_KEY = "vault";

export interface VaultData {
  accounts: Account[];
  /** The passkeys the extension holds (passkeys/): absent in vaults that never held one. */
  passkeys?: Passkey[];
}

async function readEnvelope(): Promise<Envelope | null> {
  const stored = await readStored("local", VAULT_STORAGE_KEY);
  return stored === undefined ? null : parseEnvelope(stored);
}

async function writeEnvelope(envelope: Envelope): Promise<void> {
  await writeStored("local", { [VAULT_STORAGE_KEY]: envelope });
}

export async function hasVault(): Promise<boolean> {
  return (await readEnvelope()) !== null;
}

export async function isUnlocked(): Promise<boolean> {
  return (await loadSessionKey()) !== null;
}

async function seal(keyBytes: Uint8Array<ArrayBuffer>, kdf: KdfParams, data: VaultData): Promise<Envelope> {
  return sealEnvelope(await importAesKey(keyBytes), kdf, JSON.stringify(data));
}

/** Creates an empty vault and leaves it unlocked. Refuses to overwrite an existing vault. */
export async function createVault(password: string, kdf: KdfParams = defaultKdfParams()): Promise<void> {
  if (await hasVault()) throw new Error("vault exists");
  const keyBytes = await deriveKeyBytes(password, kdf);
  await writeEnvelope(await seal(keyBytes, kdf, { accounts: [] }));
  await storeSessionKey(keyBytes);
  await markPasswordTyped();
}

async function openData(key: CryptoKey, envelope: Envelope): Promise<VaultData> {
  return parseVaultData(JSON.parse(await openEnvelope(key, envelope)));
}

/**
 * The envelope last opened or sealed with the session key, and its plaintext: kept in the service worker's
 * memory while unlocked, so that each popup opening does not decrypt every account again. Storage stays the
 * truth: the cache is used only for the very envelope and key read from storage (every write seals with a
 * fresh IV), lock and reset forget it, and a restarted worker simply decrypts again.
 */
let lastOpened: { key: CryptoKey; envelope: Envelope; plaintext: string } | null = null;

function sameEnvelope(a: Envelope, b: Envelope): boolean {
  return (
    a.cipher.iv === b.cipher.iv &&
    a.cipher.data === b.cipher.data &&
    JSON.stringify(a.kdf) === JSON.stringify(b.kdf)
  );
}

async function openWithSessionKey(key: CryptoKey, envelope: Envelope): Promise<VaultData> {
  const known = lastOpened?.key === key && sameEnvelope(lastOpened.envelope, envelope) ? lastOpened : null;
  const plaintext = known?.plaintext ?? (await openEnvelope(key, envelope));
  lastOpened = { key, envelope, plaintext };
  return parseVaultData(JSON.parse(plaintext));
}

/**
 * Derives the key for `password` with the envelope's own KDF parameters and opens it: the vault's check, and
 * the import of an encrypted backup file. Null when the password does not open it; nothing is written.
 */
export async function openWithPassword(
  envelope: Envelope,
  password: string,
): Promise<{ keyBytes: Uint8Array<ArrayBuffer>; data: VaultData } | null> {
  const keyBytes = await deriveKeyBytes(password, envelope.kdf);
  try {
    return { keyBytes, data: await openData(await importAesKey(keyBytes), envelope) };
  } catch {
    return null;
  }
}

type Opened = { ok: true; keyBytes: Uint8Array<ArrayBuffer>; kdf: KdfParams; data: VaultData };

/**
 * The throttled password check shared by unlock and change of master password: waits out earlier failures,
 * counts a wrong password, clears the count on success. storage.local is never written here.
 */
async function checkPassword(password: string): Promise<Opened | Exclude<UnlockResult, { ok: true }>> {
  const waitMs = await unlockWaitMs();
  if (waitMs > 0) return { ok: false, reason: "throttled", waitMs };
  const envelope = await readEnvelope();
  if (!envelope) throw new Error("no vault");
  const opened = await openWithPassword(envelope, password);
  if (!opened) return { ok: false, reason: "wrong-password", waitMs: await recordUnlockFailure() };
  await clearUnlockFailures();
  await markPasswordTyped();
  return { ok: true, kdf: envelope.kdf, ...opened };
}

export async function unlockVault(password: string): Promise<UnlockResult> {
  const opened = await checkPassword(password);
  if (!opened.ok) return opened;
  await storeSessionKey(opened.keyBytes);
  return { ok: true };
}

/** The master password typed again before a sensitive act (the plain export): same check, same throttle. */
export async function confirmMasterPassword(password: string): Promise<UnlockResult> {
  const opened = await checkPassword(password);
  return opened.ok ? { ok: true } : opened;
}

export async function lockVault(): Promise<void> {
  lastOpened = null;
  await clearSessionKey();
  await forgetPasswordTyped();
}

/**
 * Whether a vault exists and, while unlocked, its decrypted data (null when locked), from one read of the
 * envelope and the session key at once: the popup's opening asks both.
 */
export async function readVaultState(): Promise<{ exists: boolean; data: VaultData | null }> {
  const [key, envelope] = await Promise.all([loadSessionKey(), readEnvelope()]);
  if (!envelope) return { exists: false, data: null };
  return { exists: true, data: key ? await openWithSessionKey(key, envelope) : null };
}

/** The decrypted vault, or null when locked. */
export async function readVault(): Promise<VaultData | null> {
  return (await readVaultState()).data;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Read-modify-write, serialised so that two quick edits cannot overwrite each other. `change` answers the
 * parts it changed (accounts, passkeys); the rest is kept. Every change of the accounts is noted for the
 * backup reminder (backup-reminder.ts).
 */
export function updateVault<T>(
  change: (data: VaultData) => { data: Partial<VaultData>; result: T },
): Promise<T> {
  const run = queue.then(async () => {
    const key = await loadSessionKey();
    const envelope = await readEnvelope();
    if (!key || !envelope) throw new Error("locked");
    const current = await openWithSessionKey(key, envelope);
    const changed = change(current);
    const data = { ...current, ...changed.data };
    const { result } = changed;
    const plaintext = JSON.stringify(data);
    const sealed = await sealEnvelope(key, envelope.kdf, plaintext);
    await writeEnvelope(sealed);
    lastOpened = { key, envelope: sealed, plaintext };
    await recordVaultChange(current, data);
    return result;
  });
  queue = run.catch(() => {});
  return run;
}

/** Re-encrypts under a new password and a new salt in one storage write. */
export async function changeMasterPassword(current: string, next: string): Promise<UnlockResult> {
  const opened = await checkPassword(current);
  if (!opened.ok) return opened;
  const kdf = { ...defaultKdfParams(), memoryKiB: opened.kdf.memoryKiB, iterations: opened.kdf.iterations };
  const keyBytes = await deriveKeyBytes(next, kdf);
  await writeEnvelope(await seal(keyBytes, kdf, opened.data));
  await storeSessionKey(keyBytes);
  return { ok: true };
}

/** Deletes the vault (the only way out of a forgotten password); the caller has asked for typed confirmation. */
export async function resetVault(): Promise<void> {
  lastOpened = null;
  await removeStored("local", VAULT_STORAGE_KEY);
  await forgetBackupRecord();
  await clearSessionKey();
  await forgetPasswordTyped();
  await clearUnlockFailures();
}
