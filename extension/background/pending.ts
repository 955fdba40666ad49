// A result produced while the popup was closed (the region overlay closes the popup; the context menu and the
// shortcut have no popup). Kept in storage.session (memory only, trusted contexts only) — it may name an
// account or, for a duplicate or a Google Authenticator export, hold secrets — and shown by the next popup.
import { browser } from "wxt/browser";
import type { Pending } from "../messaging";
import { takeStored, writeStored } from "../vault/stored-values";

const PENDING_KEY = "pending";

export async function setPending(pending: Pending): Promise<void> {
  await writeStored("session", { [PENDING_KEY]: pending });
  // Reopen the popup where the browser allows it (Chrome 127+); otherwise a badge says there is news.
  try {
    await browser.action.openPopup();
  } catch {
    await browser.action.setBadgeText({ text: "!" });
  }
}

export async function takePending(): Promise<Pending | undefined> {
  const pending = (await takeStored("session", PENDING_KEY)) as Pending | undefined;
  if (pending) await browser.action.setBadgeText({ text: "" });
  return pending;
}
