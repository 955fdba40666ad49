// The popup's opening questions are asked once per page, by whichever of its two scripts runs first (the head
// script in popup.html, or the popup's own script when the head script did not run): one `open` message to the
// worker and one query for the tab, whose origin is a web origin or nothing.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { askOpening } = await import("../../../../extension/ui/opening");

afterEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  delete (globalThis as Record<string, unknown>).__kosmoOpening;
});

describe("askOpening", () => {
  it("asks the worker and the browser once per page, and hands the same answers to every caller", async () => {
    const answer = { hasVault: true, unlocked: false };
    const sendMessage = vi.spyOn(fakeBrowser.runtime, "sendMessage").mockResolvedValue(answer);
    const query = vi
      .spyOn(fakeBrowser.tabs, "query")
      .mockResolvedValue([{ id: 7, windowId: 1, url: "https://portal.example/login" } as never]);

    const first = askOpening();
    const second = askOpening();

    expect(second).toBe(first);
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(sendMessage).toHaveBeenCalledWith({ type: "open" });
    expect(query).toHaveBeenCalledTimes(1);
    expect(await first.status).toEqual(answer);
    expect(await first.page).toEqual({ tabId: 7, origin: "https://portal.example" });
  });

  it("gives no page when the active tab is not a web page", async () => {
    vi.spyOn(fakeBrowser.runtime, "sendMessage").mockResolvedValue({});
    vi.spyOn(fakeBrowser.tabs, "query").mockResolvedValue([{ id: 3, url: "chrome://extensions/" } as never]);
    expect(await askOpening().page).toEqual({ tabId: 3, origin: undefined });
  });
});
