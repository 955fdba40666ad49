// Injects the fill content script on demand (activeTab + scripting; nothing is injected at install) and hands
// it the code — never the secret — for the top frame only, and only while that document is at `origin`
// (the origin the binding was checked against). The page side is extension/fill/fill-script.ts.
import { browser } from "wxt/browser";
import { FILL_MESSAGE, type FieldFillResult, type FillRequest } from "../fill/fill-script";

export async function injectFill(
  tabId: number,
  code: string,
  origin: string,
): Promise<FieldFillResult | { status: "failed"; reason: "no-access" }> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ["/content-scripts/fill.js"] });
    const request: FillRequest = { type: FILL_MESSAGE, code, origin };
    return (await browser.tabs.sendMessage(tabId, request, { frameId: 0 })) as FieldFillResult;
  } catch {
    return { status: "failed", reason: "no-access" };
  }
}
