// The sites the member allowed to use the extension's passkeys (「このサイトでパスキーを使う」): origins, in
// plain storage.local beside the settings, because the background must know them while the vault is locked
// (it attaches to Chrome's WebAuthn proxy only on these sites, and asks for the master password there).
// The list says where passkeys may be offered; it holds no secret.
import { browser } from "wxt/browser";
import { readStored, writeStored } from "../vault/stored-values";
import { secureOrigin } from "./rp-id";

const SITES_KEY = "passkeySites";
export const MAX_PASSKEY_SITES = 200;

/** The origin of `url` when it may be allowed (https, or http on localhost), else null. */
export function allowableOrigin(url: string | undefined): string | null {
  return url ? (secureOrigin(url)?.origin ?? null) : null;
}

export function parseSites(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const sites = value.filter((v): v is string => typeof v === "string" && allowableOrigin(v) === v);
  return [...new Set(sites)].slice(0, MAX_PASSKEY_SITES);
}

export async function readPasskeySites(): Promise<string[]> {
  return parseSites(await readStored("local", SITES_KEY));
}

async function writeSites(sites: string[]): Promise<string[]> {
  const parsed = parseSites(sites);
  await writeStored("local", { [SITES_KEY]: parsed });
  return parsed;
}

/** Adds the origin of `url`; null when it cannot be allowed (not https, not localhost). */
export async function allowPasskeySite(url: string): Promise<string[] | null> {
  const origin = allowableOrigin(url);
  if (!origin) return null;
  const sites = await readPasskeySites();
  return sites.includes(origin) ? sites : writeSites([...sites, origin]);
}

export async function forgetPasskeySite(origin: string): Promise<string[]> {
  return writeSites((await readPasskeySites()).filter((s) => s !== origin));
}

/** Calls `changed` whenever the list changes (the proxy attaches or detaches). */
export function onPasskeySitesChanged(changed: () => void): void {
  browser.storage.local.onChanged.addListener((changes) => {
    if (SITES_KEY in changes) changed();
  });
}
