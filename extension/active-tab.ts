// The web page the member is looking at (the popup is not a tab; its window's active tab is the page). Asked by
// the service worker (scan, fill) and by the popup itself as it opens (ui/opening.ts).
import { browser } from "wxt/browser";
import { webOrigin } from "./accounts/origin-binding";
import type { PageInfo } from "./messaging";

export async function activePage(): Promise<PageInfo & { windowId?: number }> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab || tab.id === undefined) return {};
  return { tabId: tab.id, windowId: tab.windowId, origin: webOrigin(tab.url) };
}

export async function originOfTab(tabId: number): Promise<string | undefined> {
  try {
    return webOrigin((await browser.tabs.get(tabId)).url);
  } catch {
    return undefined;
  }
}
