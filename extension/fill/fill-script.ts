// The page side of "fill a code": finds the one-time-code field and fills it. Runs in the page's isolated
// world as the WXT runtime content script extension/entrypoints/fill.content.ts (bundled with these tested
// modules; nothing is injected at install).
//
// The background injects it, then sends a FillRequest to the top frame; injecting again is harmless (one
// listener per frame). The script receives the code, never the secret, and fills only if its document still
// has the origin the background checked (the tab may have navigated). Page-side code imports nothing of the
// extension's, so this message's contract lives here; its reasons are part of messaging.ts's FillFailure.
import { fillCode } from "./fill-field";
import { findOtpField } from "./find-otp-field";

export const FILL_MESSAGE = "kosmo-fill";

export interface FillRequest {
  type: typeof FILL_MESSAGE;
  code: string;
  /** The page origin the background decided on (origin binding); another document refuses the code. */
  origin: string;
}

export type FieldFillFailure = "bad-code" | "wrong-origin" | "no-field" | "not-accepted";

/** The fill script's answer: the same shape as a fill's result (messaging.ts FillResult). */
export type FieldFillResult =
  | { status: "filled"; kind?: "single" | "split" }
  | { status: "failed"; reason: FieldFillFailure };

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
export function fillOtpCode(doc: Document, code: string, origin?: string): FieldFillResult {
  if (!/^\d{6}$|^\d{8}$/.test(code)) return { status: "failed", reason: "bad-code" };
  if (origin !== undefined && doc.location?.origin !== origin)
    return { status: "failed", reason: "wrong-origin" };
  const match = findOtpField(doc, { codeLength: code.length, focused: deepActiveElement(doc) });
  if (!match) return { status: "failed", reason: "no-field" };
  return fillCode(match, code)
    ? { status: "filled", kind: match.kind }
    : { status: "failed", reason: "not-accepted" };
}
