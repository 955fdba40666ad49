// The popup's one opening question (status, page and list at once), asked as early as the page allows: a
// small classic script in popup.html's head (entrypoints/popup-open.ts) asks while the page is still being
// parsed, so that the service worker reads and decrypts the vault while the popup's modules load; the popup
// then takes that answer instead of asking again.
import { type OpenResponse, send } from "../messaging";

const scope = globalThis as { kosmoPopupOpening?: Promise<OpenResponse> };

export function askOpening(): void {
  scope.kosmoPopupOpening ??= send({ type: "open" });
}

export function takeOpening(): Promise<OpenResponse> {
  askOpening(); // the head script did not run (e.g. a test renders the popup alone): ask now
  const opening = scope.kosmoPopupOpening!;
  scope.kosmoPopupOpening = undefined;
  return opening;
}
