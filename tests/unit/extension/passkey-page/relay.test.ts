// @vitest-environment happy-dom
// The relay between the page bridge and the background: the request goes to the background as the page gave
// it (the background names the origin); the menu opens only over the passkey field, only once the background
// accepted the request, and closes when the page aborts; only the answer for the current request reaches the
// page; a refusal reaches the page as its DOMException name.
import { beforeEach, describe, expect, it } from "vitest";
import { BRIDGE_CHANNEL, type ToPage } from "../../../../extension/passkey-page/bridge-messages";
import type { InlineMenu } from "../../../../extension/passkey-page/inline-menu";
import { type RelayRequest, startRelay } from "../../../../extension/passkey-page/relay";

const ORIGIN = "http://localhost:8787";
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

function setUp(answer: (request: RelayRequest) => unknown) {
  document.body.innerHTML =
    '<input id="user-id" autocomplete="username webauthn"><input id="password" type="password">';
  const sent: RelayRequest[] = [];
  const toPage: ToPage[] = [];
  const shown: string[] = [];
  let open = false;
  const win = Object.assign(new EventTarget(), {
    document,
    location: { origin: ORIGIN },
    postMessage(data: ToPage) {
      if (data.to === "page") toPage.push(data);
      setTimeout(() => win.dispatchEvent(Object.assign(new Event("message"), { data, source: win })));
    },
  });
  const menu: InlineMenu = {
    show: (field, url) => {
      open = true;
      shown.push(`${field.id} ${url}`);
    },
    hide: () => {
      open = false;
    },
    owns: () => false,
  };
  const relay = startRelay({
    win: win as unknown as Window,
    menu,
    send: async (request) => {
      sent.push(request);
      return answer(request);
    },
    menuUrl: (token) => `menu?token=${token}`,
  });
  const fromPage = (message: object) =>
    win.postMessage({ channel: BRIDGE_CHANNEL, to: "relay", ...message } as never);
  return { sent, toPage, shown, relay, fromPage, isOpen: () => open, win };
}

const options = { challenge: "AAAAAAAAAAAAAAAAAAAAAA", rpId: "localhost" };

describe("the relay", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });

  it("opens the menu over the passkey field only, after the background accepted, and closes it on abort", async () => {
    const t = setUp((r) => (r.type === "passkey-page-start" ? { token: "tok" } : { ok: true }));
    document.getElementById("user-id")!.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
    expect(t.shown).toEqual([]); // no request yet
    t.fromPage({ kind: "start", id: 1, options });
    await settle();
    expect(t.sent).toEqual([{ type: "passkey-page-start", options }]);
    document.getElementById("password")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(t.shown).toEqual([]);
    document.getElementById("user-id")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(t.shown).toEqual(["user-id menu?token=tok"]);
    t.fromPage({ kind: "cancel", id: 1 });
    await settle();
    expect(t.isOpen()).toBe(false);
    expect(t.sent.at(-1)).toEqual({ type: "passkey-page-cancel", token: "tok" });
  });

  it("hands the page only the answer for its current request", async () => {
    const t = setUp(() => ({ token: "tok" }));
    t.fromPage({ kind: "start", id: 4, options });
    await settle();
    const credential = { id: "x" } as never;
    t.relay.notice({ type: "passkey-page-answer", token: "another", credential });
    expect(t.toPage).toEqual([]);
    t.relay.notice({ type: "passkey-page-answer", token: "tok", credential });
    expect(t.toPage).toEqual([{ channel: BRIDGE_CHANNEL, to: "page", kind: "answer", id: 4, credential }]);
    t.relay.notice({ type: "passkey-page-answer", token: "tok", credential });
    expect(t.toPage).toHaveLength(1); // answered once
  });

  it("tells the page the background's refusal, and ends an older request when a newer one starts", async () => {
    const t = setUp(() => ({ error: "SecurityError" }));
    t.fromPage({ kind: "start", id: 1, options });
    await settle();
    expect(t.toPage.map((m) => [m.id, m.kind === "error" && m.name])).toEqual([[1, "SecurityError"]]);

    const u = setUp(() => ({ token: "tok" }));
    u.fromPage({ kind: "start", id: 1, options });
    await settle();
    u.fromPage({ kind: "start", id: 2, options });
    await settle();
    expect(u.toPage.map((m) => [m.id, m.kind === "error" && m.name])).toEqual([[1, "AbortError"]]);
    expect(u.sent.map((r) => r.type)).toEqual([
      "passkey-page-start",
      "passkey-page-cancel",
      "passkey-page-start",
    ]);
  });

  it("ignores messages from another window (a frame)", async () => {
    const t = setUp(() => ({ token: "tok" }));
    t.win.dispatchEvent(
      Object.assign(new Event("message"), {
        data: { channel: BRIDGE_CHANNEL, to: "relay", kind: "start", id: 1, options },
        source: {},
      }),
    );
    await settle();
    expect(t.sent).toEqual([]);
  });
});
