// The page side of "fill a code": finds the one-time-code field and fills it. Runs in the page's isolated
// world as the WXT runtime content script extension/entrypoints/fill.content.ts (bundled with these tested
// modules; nothing is injected at install).
//
// Injection API (for the background, H3):
//   await browser.scripting.executeScript({ target: { tabId, frameIds? }, files: ["/content-scripts/fill.js"] });
//   const result: FillResult = await browser.tabs.sendMessage(tabId, { type: FILL_MESSAGE, code, origin },
//     { frameId: 0 });
// Injecting again is harmless (one listener per frame). The script receives the code, never the secret, and
// fills only if its document still has the origin the background checked (the tab may have navigated).
import { fillCode } from "./fill-field";
import { findOtpField } from "./find-otp-field";

export const FILL_MESSAGE = "kosmo-fill";

export interface FillRequest {
  type: typeof FILL_MESSAGE;
  code: string;
  /** The page origin the background decided on (origin binding); another document refuses the code. */
  origin: string;
}

export type FillFailure = "bad-code" | "wrong-origin" | "no-field" | "not-accepted";

export interface FillResult {
  filled: boolean;
  reason?: FillFailure;
  kind?: "single" | "split";
}

export function isFillRequest(message: unknown): message is FillRequest {
  const candidate = message as Partial<FillRequest> | null;
  return (
    candidate?.type === FILL_MESSAGE &&
    typeof candidate.code === "string" &&
    typeof candidate.origin === "string"
  );
}

/** The element with focus, looking inside open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Finds the field for a 6- or 8-digit code and fills it; never touches a field holding something else, and
 * nothing at all when the document is not at `origin` (when given).
 */
export function fillOtpCode(doc: Document, code: string, origin?: string): FillResult {
  if (!/^\d{6}$|^\d{8}$/.test(code)) return { filled: false, reason: "bad-code" };
  if (origin !== undefined && doc.location?.origin !== origin)
    return { filled: false, reason: "wrong-origin" };
  const match = findOtpField(doc, { codeLength: code.length, focused: deepActiveElement(doc) });
  if (!match) return { filled: false, reason: "no-field" };
  return fillCode(match, code)
    ? { filled: true, kind: match.kind }
    : { filled: false, reason: "not-accepted", kind: match.kind };
}
