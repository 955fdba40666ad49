// When the extension holds Chrome's WebAuthn proxy: only while the front tab of the last focused browser
// window is an allowed site (or one of its requests waits), never elsewhere, and not on a site the member
// handed back to the browser; if another extension holds the proxy, it stays out. The popup's passkey
// messages: list without keys, rename, delete, allow only https (or localhost) pages.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { testPasskey } from "../../support/test-passkey";

const calls: string[] = [];
let attachError: string | undefined;
const proxy = {
  attach: async () => {
    calls.push("attach");
    return attachError;
  },
  detach: async () => {
    calls.push("detach");
    return undefined;
  },
  completeCreateRequest: async () => {},
  completeGetRequest: async () => {},
};
// The host permissions of the conditional-UI field's page scripts (passkey-page-access.ts): none granted here.
const removedPermissions: string[][] = [];
const permissions = {
  contains: async () => false,
  remove: async ({ origins }: { origins: string[] }) => {
    removedPermissions.push(origins);
    return true;
  },
};
const scripting = {
  getRegisteredContentScripts: async () => [],
  registerContentScripts: async () => {},
  unregisterContentScripts: async () => {},
};
Object.assign(fakeBrowser, { webAuthenticationProxy: proxy, permissions, scripting });
vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { syncProxy } = await import("../../../../extension/background/passkey-proxy");
const { handBack, intake } = await import("../../../../extension/background/passkey-requests");
const { allowPasskeySite } = await import("../../../../extension/passkeys/passkey-sites");
const { handleRequest } = await import("../../../../extension/background/handlers");

let front = { id: 1, url: "https://news.example/" };
function useFrontTab(tab: { id: number; url: string }) {
  front = tab;
}

beforeEach(() => {
  calls.length = 0;
  attachError = undefined;
  vi.spyOn(fakeBrowser.windows, "getLastFocused").mockImplementation(async () => ({ id: 9 }) as never);
  vi.spyOn(fakeBrowser.tabs, "query").mockImplementation(async () => [front] as never);
});

describe("attaching to Chrome's proxy", () => {
  it("follows the front tab, waiting requests and hand-backs", async () => {
    fakeBrowser.reset();
    useFrontTab({ id: 1, url: "https://portal.kosmo.example.jp/login" });
    await syncProxy();
    expect(calls).toEqual([]); // no site allowed yet

    await allowPasskeySite("https://portal.kosmo.example.jp/anything");
    await syncProxy();
    expect(calls).toEqual(["attach"]);
    await syncProxy();
    expect(calls).toEqual(["attach"]); // already attached: nothing again

    useFrontTab({ id: 2, url: "https://bank.example/" });
    await syncProxy();
    expect(calls).toEqual(["attach", "detach"]);

    // A request waiting in our window keeps the proxy even when another tab comes to the front.
    useFrontTab({ id: 1, url: "https://portal.kosmo.example.jp/login" });
    await syncProxy();
    const json = JSON.stringify({
      challenge: Buffer.alloc(32).toString("base64url"),
      extensions: {
        remoteDesktopClientOverride: {
          origin: "https://portal.kosmo.example.jp",
          sameOriginWithAncestors: true,
        },
      },
    });
    await intake("get", 5, json);
    useFrontTab({ id: 2, url: "https://bank.example/" });
    await syncProxy();
    expect(calls).toEqual(["attach", "detach", "attach"]);

    // 「ブラウザーの認証を使う」 on tab 1: detached there until it leaves the site.
    await handBack({
      requestId: 5,
      kind: "get",
      origin: "https://portal.kosmo.example.jp",
      rpId: "x",
      tabId: 1,
    });
    await fakeBrowser.storage.session.remove("passkeyRequests");
    useFrontTab({ id: 1, url: "https://portal.kosmo.example.jp/login" });
    await syncProxy();
    expect(calls).toEqual(["attach", "detach", "attach", "detach"]);
  });

  it("stays out when another extension holds the proxy", async () => {
    fakeBrowser.reset();
    await syncProxy(); // detached state first (the module remembers)
    calls.length = 0;
    await allowPasskeySite("https://portal.kosmo.example.jp/");
    useFrontTab({ id: 1, url: "https://portal.kosmo.example.jp/login" });
    attachError = "Another extension is already attached";
    await syncProxy();
    attachError = undefined;
    await syncProxy(); // tried again on the next tab event
    expect(calls).toEqual(["attach", "attach"]);
  });
});

describe("the popup's passkey messages", { timeout: 60_000 }, () => {
  const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL("/popup.html") };
  type Request = import("../../../../extension/messaging").Request;
  const ask = (request: Request) => handleRequest(request, page) as Promise<Record<string, unknown>>;

  it("allows only https or localhost pages, and answers locked without the list", async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.tabs, "get").mockImplementation(
      async (tabId: number) =>
        ({
          id: tabId,
          url: tabId === 1 ? "http://intranet.example/" : "https://shop.example.jp/cart",
        }) as never,
    );
    expect(await ask({ type: "passkey-allow-site", tabId: 1 })).toEqual({ allowed: false, sites: [] });
    expect(await ask({ type: "passkey-allow-site", tabId: 2 })).toEqual({
      allowed: true,
      sites: ["https://shop.example.jp"],
    });
    expect(await ask({ type: "passkey-list" })).toEqual({ locked: true, sites: ["https://shop.example.jp"] });
    expect(await ask({ type: "passkey-forget-site", origin: "https://shop.example.jp" })).toEqual({
      sites: [],
    });
    // Forgetting a site gives back its host permission too (the field's page script goes with it).
    expect(removedPermissions).toEqual([["https://shop.example.jp/*"]]);
  });

  it("lists passkeys without their keys, renames and deletes them", async () => {
    fakeBrowser.reset();
    await ask({ type: "create", password: "correct horse battery" });
    const { storePasskey } = await import("../../../../extension/passkeys/passkey-store");
    const passkey = await testPasskey("K1234567");
    await storePasskey(passkey);
    const listed = await ask({ type: "passkey-rename", id: passkey.id, label: " 仕事用 " });
    expect(JSON.stringify(listed)).not.toContain(passkey.privateKey.d);
    expect(listed).toMatchObject({
      passkeys: [{ id: passkey.id, label: "仕事用", userName: "K1234567", rpId: "localhost" }],
    });
    expect(await ask({ type: "passkey-delete", id: passkey.id })).toEqual({ passkeys: [], sites: [] });
  });
});
