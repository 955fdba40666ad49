// Injects the fill content script on demand (activeTab + scripting; nothing is injected at install) and hands
// it the code — never the secret. The page side is extension/fill/fill-script.ts (its injection API).
import { browser } from "wxt/browser";
import { FILL_MESSAGE, type FillResult } from "../fill/fill-script";

export async function injectFill(
  tabId: number,
  code: string,
): Promise<FillResult | { filled: false; reason: "no-access" }> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ["/content-scripts/fill.js"] });
    return (await browser.tabs.sendMessage(tabId, { type: FILL_MESSAGE, code })) as FillResult;
  } catch {
    return { filled: false, reason: "no-access" };
  }
}
