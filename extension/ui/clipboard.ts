// Copy a code and tell the background, which clears the clipboard after the member's chosen delay (the popup
// closes at once, so it cannot do that itself). Null when the copy failed.
import type { MessageKey } from "../i18n";
import { send } from "../messaging";
import type { ClipboardClearSeconds } from "../settings";

/** What the popup says after a copy, by the delay the background will clear the clipboard after. */
export const COPIED_MESSAGES: Record<ClipboardClearSeconds, MessageKey> = {
  0: "copied",
  30: "copiedClear30",
  60: "copiedClear60",
  120: "copiedClear120",
};

export async function copyCode(code: string): Promise<{ clearInSeconds: ClipboardClearSeconds } | null> {
  try {
    await navigator.clipboard.writeText(code);
  } catch {
    return null;
  }
  return send({ type: "copied" });
}
