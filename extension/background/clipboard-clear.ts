// クリップボードを自動で消去: after a code is copied, the background overwrites the clipboard once the chosen
// delay has passed — whatever it holds by then (reading it first would need clipboardRead). The popup that
// copied has long closed, so an alarm (which survives the service worker being stopped) fires the clear, and
// an offscreen document (reason CLIPBOARD) does the writing: a service worker has no clipboard.
import { browser } from "wxt/browser";
import { CLEAR_CLIPBOARD_MESSAGE } from "../messaging";
import type { ClipboardClearSeconds } from "../settings";

export const CLIPBOARD_ALARM = "clipboard-clear";
const OFFSCREEN_PATH = "/offscreen.html";

/** A code was copied: (re)start the countdown, or cancel an earlier one when the member chose never. */
export async function scheduleClipboardClear(seconds: ClipboardClearSeconds): Promise<void> {
  await browser.alarms.clear(CLIPBOARD_ALARM);
  if (seconds > 0) await browser.alarms.create(CLIPBOARD_ALARM, { when: Date.now() + seconds * 1000 });
}

async function openOffscreen(): Promise<void> {
  if (await browser.offscreen.hasDocument()) return;
  try {
    await browser.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: [browser.offscreen.Reason.CLIPBOARD],
      justification: "Clear a copied one-time code from the clipboard after the delay the member chose.",
    });
  } catch (error) {
    // Two alarms at once: the other one created it.
    if (!(await browser.offscreen.hasDocument())) throw error;
  }
}

export async function clearClipboard(): Promise<void> {
  await openOffscreen();
  try {
    await browser.runtime.sendMessage({ type: CLEAR_CLIPBOARD_MESSAGE });
  } finally {
    await browser.offscreen.closeDocument().catch(() => {});
  }
}

export function registerClipboardClear(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CLIPBOARD_ALARM) void clearClipboard();
  });
}
