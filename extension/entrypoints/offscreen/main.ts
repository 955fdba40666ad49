// The offscreen document (reason CLIPBOARD) that background/clipboard-clear.ts opens for a moment: it
// overwrites the clipboard with an empty text. A page that is never shown has no focus, so the asynchronous
// Clipboard API refuses; the copy command with our own data is what Chrome allows here (clipboardWrite).
import { browser } from "wxt/browser";
import { CLEAR_CLIPBOARD_MESSAGE } from "../../messaging";

function overwriteClipboard(): boolean {
  const fill = (event: ClipboardEvent) => {
    event.clipboardData?.setData("text/plain", "");
    event.preventDefault();
  };
  document.addEventListener("copy", fill);
  try {
    return document.execCommand("copy");
  } finally {
    document.removeEventListener("copy", fill);
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (sender.id !== browser.runtime.id) return undefined;
  if ((message as { type?: unknown } | null)?.type !== CLEAR_CLIPBOARD_MESSAGE) return undefined;
  sendResponse({ cleared: overwriteClipboard() });
  return undefined;
});
