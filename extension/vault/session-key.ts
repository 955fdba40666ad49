// Where the unlocked key lives.
//
// A non-extractable CryptoKey cannot be put into storage.session (it only stores JSON), and the MV3 service
// worker is stopped after ~30 s idle, so an in-memory key alone would lock the vault every time the worker
// sleeps. We therefore keep the 32 raw key bytes (base64) in storage.session, which
//   - is held in memory by the browser only, never written to disk, and cleared when the browser restarts
//     (so the vault is locked again after a restart), and
//   - is set to TRUSTED_CONTEXTS: content scripts cannot read it; only our own extension pages and the worker.
// Each use imports the bytes as a fresh non-extractable AES-GCM key; the bytes never go to storage.local.
import { browser } from "wxt/browser";
import { fromBase64, toBase64 } from "./bytes";
import { importAesKey } from "./kdf";
import { readStored, removeStored, writeStored } from "./stored-values";

const SESSION_KEY = "vaultKey";

export async function restrictSessionStorage(): Promise<void> {
  // Chrome's default is already TRUSTED_CONTEXTS; we set it explicitly so it cannot silently change.
  await browser.storage.session.setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" });
}

export async function storeSessionKey(keyBytes: Uint8Array): Promise<void> {
  await writeStored("session", { [SESSION_KEY]: toBase64(keyBytes) });
}

/** The key imported from the stored bytes, reused while they stay the same (vault-store.ts keys its cache on it). */
let imported: { stored: string; key: Promise<CryptoKey> } | null = null;

export async function loadSessionKey(): Promise<CryptoKey | null> {
  const stored = await readStored("session", SESSION_KEY);
  if (typeof stored !== "string") {
    imported = null;
    return null;
  }
  if (imported?.stored !== stored) imported = { stored, key: importAesKey(fromBase64(stored)) };
  return imported.key;
}

export async function clearSessionKey(): Promise<void> {
  imported = null;
  await removeStored("session", SESSION_KEY);
}

/** Calls `cleared` when the key leaves storage.session (lock, auto-lock, reset); returns the unsubscribe. */
export function onSessionKeyCleared(cleared: () => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>) => {
    if (SESSION_KEY in changes && changes[SESSION_KEY]?.newValue === undefined) cleared();
  };
  browser.storage.session.onChanged.addListener(listener);
  return () => browser.storage.session.onChanged.removeListener(listener);
}
