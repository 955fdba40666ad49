// The inline menu under the passkey field: our extension page (passkey-menu.html) in an iframe inside a
// closed shadow root. The page can see that a frame is there, but not read it: the passkeys' names are shown
// by the extension's own document, never written into the page.

/** Fixed, whatever the menu holds: the frame's size tells the page nothing about the passkeys. */
export const MENU_HEIGHT = 120;
const MIN_WIDTH = 260;

export interface InlineMenu {
  show(field: HTMLInputElement, url: string): void;
  hide(): void;
  /** Whether `element` is the menu (focus moved into our frame, not away from the field). */
  owns(element: Element | null): boolean;
}

export function createInlineMenu(doc: Document): InlineMenu {
  let host: HTMLElement | null = null;
  let shownUrl = "";

  function place(field: HTMLInputElement, element: HTMLElement) {
    const box = field.getBoundingClientRect();
    const view = doc.defaultView;
    Object.assign(element.style, {
      position: "absolute",
      top: `${box.bottom + (view?.scrollY ?? 0) + 2}px`,
      left: `${box.left + (view?.scrollX ?? 0)}px`,
      width: `${Math.max(box.width, MIN_WIDTH)}px`,
      height: `${MENU_HEIGHT}px`,
      zIndex: "2147483647",
      display: "block",
    });
  }

  return {
    show(field, url) {
      if (host && shownUrl === url) return place(field, host);
      host?.remove();
      host = doc.createElement("kosmo-passkey-menu");
      const shadow = host.attachShadow({ mode: "closed" });
      const frame = doc.createElement("iframe");
      frame.src = url;
      frame.title = "KOSMO Authenticator";
      Object.assign(frame.style, {
        width: "100%",
        height: "100%",
        border: "1px solid #c9ced6",
        borderRadius: "6px",
        boxShadow: "0 4px 14px rgba(0,0,0,.18)",
        background: "#fff",
        colorScheme: "normal",
      });
      shadow.append(frame);
      place(field, host);
      shownUrl = url;
      doc.documentElement.append(host);
    },
    hide() {
      host?.remove();
      host = null;
      shownUrl = "";
    },
    owns(element) {
      return host !== null && element === host;
    },
  };
}
