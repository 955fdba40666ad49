// Passkeys from our own encrypted backup into the vault (import/kosmo-backup.ts): a passkey the vault lacks
// is added; one it already holds (same credential ID) keeps the vault's name and takes the higher counter;
// a backup's passkey for a site and user the vault now holds another passkey for is left out (the site
// registered the newer one). Nothing else of the vault changes.
import type { Passkey } from "./passkey";

export interface PasskeyMerge {
  passkeys: Passkey[];
  /** The backup's passkeys that were not in the vault. */
  added: Passkey[];
}

export function mergePasskeys(vault: readonly Passkey[], backup: readonly Passkey[]): PasskeyMerge {
  const byId = new Map(vault.map((p) => [p.id, p]));
  const accounts = new Set(vault.map((p) => `${p.rpId}\n${p.userHandle}`));
  const added: Passkey[] = [];
  for (const incoming of backup) {
    const held = byId.get(incoming.id);
    if (held) {
      byId.set(incoming.id, { ...held, signCount: Math.max(held.signCount, incoming.signCount) });
    } else if (!accounts.has(`${incoming.rpId}\n${incoming.userHandle}`)) {
      byId.set(incoming.id, incoming);
      accounts.add(`${incoming.rpId}\n${incoming.userHandle}`);
      added.push(incoming);
    }
  }
  return { passkeys: [...byId.values()], added };
}
