// Origin binding at fill time: an account bound to no site (typed in, imported, read from an image) is never
// filled without a question — the answer names the page's site — and binding it there while confirming makes
// the next fill on that site a one-action fill, while another site still asks, naming both.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { handleRequest } = await import("../../../../extension/background/handlers");
type Request = import("../../../../extension/messaging").Request;

const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL("/popup.html") };
const ask = (request: Request) => handleRequest(request, page) as Promise<Record<string, unknown>>;
const URI = "otpauth://totp/KOSMO%20Web:taro?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=KOSMO%20Web";

beforeEach(() => {
  fakeBrowser.reset();
});

async function tabAt(url: string): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url });
  return tab.id!;
}

describe("fill and origin binding", () => {
  it("asks before the first fill of an unbound account, naming the page's site, and binds it when asked to", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    const added = (await ask({ type: "add-uri", text: URI, mode: "ask" })) as { account: { id: string } };
    const id = added.account.id;
    const portal = await tabAt("https://portal.example/login/second-factor");

    expect(await ask({ type: "fill", id, tabId: portal, confirmed: false })).toEqual({
      status: "confirm",
      accountOrigin: undefined,
      pageOrigin: "https://portal.example",
    });
    // Filling once without binding leaves the account unbound (the fake browser cannot inject: no-access).
    await ask({ type: "fill", id, tabId: portal, confirmed: true });
    const once = (await ask({ type: "list" })) as { accounts: { origin?: string }[] };
    expect(once.accounts[0]?.origin).toBeUndefined();

    await ask({ type: "fill", id, tabId: portal, confirmed: true, bind: true });
    const bound = (await ask({ type: "list" })) as { accounts: { origin?: string }[] };
    expect(bound.accounts[0]?.origin).toBe("https://portal.example");

    // Bound here: no question any more (it goes straight to the page, which the fake browser refuses).
    expect(await ask({ type: "fill", id, tabId: portal, confirmed: false })).toEqual({
      status: "failed",
      reason: "no-access",
    });
    // Elsewhere: asked, naming the account's site and the page's; binding does not move an existing binding.
    const phish = await tabAt("https://portal.example.evil.test/");
    expect(await ask({ type: "fill", id, tabId: phish, confirmed: false })).toEqual({
      status: "confirm",
      accountOrigin: "https://portal.example",
      pageOrigin: "https://portal.example.evil.test",
    });
    await ask({ type: "fill", id, tabId: phish, confirmed: true, bind: true });
    const still = (await ask({ type: "list" })) as { accounts: { origin?: string }[] };
    expect(still.accounts[0]?.origin).toBe("https://portal.example");
  });
});
