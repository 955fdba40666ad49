// The relay (ISOLATED world, document_start, top frame of an allowed and granted site): carries the page
// bridge's conditional request to the background, which takes the origin from the browser (the sender), not
// from the page; shows the inline menu when the passkey field gets focus; hands the approved assertion back.
import {
  type AssertionJSON,
  BRIDGE_CHANNEL,
  type BridgeBody,
  type RequestOptionsJSON,
  type ToPage,
  toRelay,
} from "./bridge-messages";
import type { InlineMenu } from "./inline-menu";
import { isWebauthnField } from "./webauthn-field";

/** The relay ⇄ background messages (background/passkey-conditional.ts answers them). */
export type RelayRequest =
  | { type: "passkey-page-start"; options: RequestOptionsJSON }
  | { type: "passkey-page-cancel"; token: string };
export type StartAnswer = { token: string } | { error: string };
/** background → relay: the approved assertion, or the menu is done (a window took over). */
export type RelayNotice =
  | { type: "passkey-page-answer"; token: string; credential: AssertionJSON }
  | { type: "passkey-page-menu-close"; token: string };

export function isRelayNotice(message: unknown): message is RelayNotice {
  const m = message as Record<string, unknown> | null;
  return (
    typeof m === "object" &&
    m !== null &&
    typeof m.token === "string" &&
    (m.type === "passkey-page-menu-close" ||
      (m.type === "passkey-page-answer" && typeof m.credential === "object"))
  );
}

export function startRelay(deps: {
  win: Window;
  menu: InlineMenu;
  send: (request: RelayRequest) => Promise<unknown>;
  menuUrl: (token: string) => string;
}): { notice(message: RelayNotice): void } {
  const { win, menu, send, menuUrl } = deps;
  const doc = win.document;
  let current: { id: number; token?: string } | null = null;

  const post = (message: BridgeBody<ToPage>) =>
    win.postMessage({ channel: BRIDGE_CHANNEL, to: "page", ...message }, win.location.origin);

  function offer(field: Element | null) {
    if (current?.token && isWebauthnField(field)) menu.show(field, menuUrl(current.token));
  }

  async function start(id: number, options: RequestOptionsJSON) {
    // One request at a time: a newer one ends the older (whose page promise would otherwise never settle).
    if (current) {
      if (current.token) void send({ type: "passkey-page-cancel", token: current.token });
      post({ kind: "error", id: current.id, name: "AbortError" });
    }
    current = { id };
    const answer = (await send({ type: "passkey-page-start", options }).catch(
      () => null,
    )) as StartAnswer | null;
    if (current?.id !== id) {
      // Cancelled or replaced meanwhile: the background forgets it too.
      if (answer && "token" in answer) void send({ type: "passkey-page-cancel", token: answer.token });
      return;
    }
    if (!answer || "error" in answer) {
      current = null;
      post({ kind: "error", id, name: answer?.error ?? "NotAllowedError" });
      return;
    }
    // Shown on the member's move (a click, focus, ↓), not at once over an autofocused field.
    current.token = answer.token;
  }

  function cancel(id: number) {
    if (current?.id !== id) return;
    if (current.token) void send({ type: "passkey-page-cancel", token: current.token });
    current = null;
    menu.hide();
  }

  win.addEventListener("message", (event) => {
    if (event.source !== win) return;
    const message = toRelay(event.data);
    if (message?.kind === "start") void start(message.id, message.options);
    else if (message?.kind === "cancel") cancel(message.id);
  });
  doc.addEventListener("focusin", (event) => offer(event.target as Element), true);
  doc.addEventListener("click", (event) => offer(event.target as Element), true);
  doc.addEventListener(
    "focusout",
    () =>
      // After the move: into our menu keeps it; anywhere else closes it.
      setTimeout(() => {
        if (!isWebauthnField(doc.activeElement) && !menu.owns(doc.activeElement)) menu.hide();
      }, 0),
    true,
  );
  doc.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Escape") menu.hide();
      else if (event.key === "ArrowDown") offer(event.target as Element);
    },
    true,
  );

  return {
    notice(message) {
      if (!current || current.token !== message.token) return;
      menu.hide();
      if (message.type === "passkey-page-answer") {
        post({ kind: "answer", id: current.id, credential: message.credential });
        current = null;
      }
    },
  };
}
