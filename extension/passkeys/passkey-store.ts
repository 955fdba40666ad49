// The passkeys in the vault: every change is one updateVault (serialised, one storage write). Only the
// background calls these; the popup sees PasskeyInfo (no private key) through messaging.ts.
import { readVault, updateVault } from "../vault/vault-store";
import type { Passkey } from "./passkey";

/** The vault's passkeys, or null when locked. */
export async function readPasskeys(): Promise<Passkey[] | null> {
  const data = await readVault();
  return data ? (data.passkeys ?? []) : null;
}

function change(edit: (passkeys: Passkey[]) => Passkey[]): Promise<Passkey[]> {
  return updateVault((data) => {
    const passkeys = edit(data.passkeys ?? []);
    return { data: { passkeys }, result: passkeys };
  });
}

/**
 * Stores a new passkey. A passkey of the same site and user handle is replaced, as an authenticator does
 * (WebAuthn §6.3.2 step 7): the site has just registered the new one for that account.
 */
export function storePasskey(passkey: Passkey): Promise<Passkey[]> {
  return change((all) => [
    ...all.filter((p) => !(p.rpId === passkey.rpId && p.userHandle === passkey.userHandle)),
    passkey,
  ]);
}

/** After a signature: the counter it carried and the time. */
export function recordPasskeyUse(id: string, signCount: number, now = Date.now()): Promise<Passkey[]> {
  return change((all) => all.map((p) => (p.id === id ? { ...p, signCount, lastUsedAt: now } : p)));
}

export const MAX_LABEL_LENGTH = 200;

export function renamePasskey(id: string, label: string): Promise<Passkey[]> {
  const trimmed = label.trim().slice(0, MAX_LABEL_LENGTH);
  return change((all) => all.map((p) => (p.id === id ? { ...p, label: trimmed } : p)));
}

export function deletePasskey(id: string): Promise<Passkey[]> {
  return change((all) => all.filter((p) => p.id !== id));
}
