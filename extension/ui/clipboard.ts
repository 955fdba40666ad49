// Copy a code; clear the clipboard after 30 s if the page is still open then (a closed popup cannot clear it,
// and reading the clipboard to check it still holds our code would need another permission).
const CLEAR_AFTER_MS = 30_000;
let clearTimer: ReturnType<typeof setTimeout> | undefined;

export async function copyCode(code: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(code);
  } catch {
    return false;
  }
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => void navigator.clipboard.writeText("").catch(() => {}), CLEAR_AFTER_MS);
  return true;
}
