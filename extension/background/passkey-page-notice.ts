// background → the relay of one page (passkey-page/relay.ts): only to the top frame of the document that made
// the conditional request (a navigation meanwhile makes the message go nowhere).
import { browser } from "wxt/browser";
import type { RelayNotice } from "../passkey-page/relay";

export interface PageTarget {
  tabId: number;
  /** The requesting document (sender.documentId), when the browser names it. */
  documentId?: string;
  /** The page's conditional request, as the background handed it to the relay. */
  token: string;
}

export async function notifyRelay(target: PageTarget, notice: RelayNotice): Promise<void> {
  const options = target.documentId ? { documentId: target.documentId } : { frameId: 0 };
  await browser.tabs.sendMessage(target.tabId, notice, options).catch(() => {});
}
