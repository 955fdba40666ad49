// The printable recovery sheet: every account with its key on one page. The settings page asks for it with
// the master password typed again; the background then opens recovery-sheet.html in a new tab and grants that
// one tab one delivery of the accounts, by message. Nothing goes into a URL or storage.local: the grant (a tab
// id and an expiry) lives in storage.session, which is memory only and closed to content scripts.
import { browser } from "wxt/browser";
import type { OpenSheetResult, SheetDelivery } from "../messaging";
import { takeStored, writeStored } from "../vault/stored-values";
import { confirmMasterPassword, isUnlocked, readVault } from "../vault/vault-store";

export const RECOVERY_SHEET_PATH = "/recovery-sheet.html" as const;
const GRANT_KEY = "recoverySheetGrant";
/** Long enough for the tab to load on a slow PC; a later or second request gets nothing. */
const GRANT_MS = 60_000;

interface Grant {
  tabId: number;
  expiresAt: number;
}

export async function openRecoverySheet(password: string): Promise<OpenSheetResult> {
  if (!(await isUnlocked())) return { ok: false, reason: "locked" };
  const checked = await confirmMasterPassword(password);
  if (!checked.ok) return checked;
  // The tab exists (and so has an id) before the sheet loads in it: the grant is in place before it asks.
  const tab = await browser.tabs.create({ url: "about:blank" });
  if (tab.id === undefined) throw new Error("no tab");
  const grant: Grant = { tabId: tab.id, expiresAt: Date.now() + GRANT_MS };
  await writeStored("session", { [GRANT_KEY]: grant });
  await browser.tabs.update(tab.id, { url: browser.runtime.getURL(RECOVERY_SHEET_PATH) });
  return { ok: true };
}

/** The accounts, once, to the tab opened by openRecoverySheet (a reload or any other page gets nothing). */
export async function deliverRecoverySheet(sender: {
  url?: string;
  tab?: { id?: number };
}): Promise<SheetDelivery> {
  // Single use: of two requests racing from the granted tab, only the first finds the grant.
  const grant = (await takeStored("session", GRANT_KEY)) as Grant | undefined;
  const granted =
    grant !== undefined &&
    grant.tabId === sender.tab?.id &&
    Date.now() < grant.expiresAt &&
    sender.url === browser.runtime.getURL(RECOVERY_SHEET_PATH);
  const data = granted ? await readVault() : null;
  if (!data) return { expired: true };
  const passkeys = (data.passkeys ?? []).map(({ rpId, userName }) => ({ rpId, userName }));
  return passkeys.length > 0 ? { accounts: data.accounts, passkeys } : { accounts: data.accounts };
}
