// クリップボードを自動で消去: the setting (never / 30 s / 1 min / 2 min, default 30 s, anything else → 30 s)
// and the countdown the background starts when the popup says a code was copied; a later copy restarts it and
// "never" cancels one already running. The clear itself (offscreen document) runs in real Chromium:
// tests/e2e/extension-safety.test.ts.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { handleRequest } = await import("../../../../extension/background/handlers");
const { CLIPBOARD_ALARM } = await import("../../../../extension/background/clipboard-clear");
const { parseSettings, DEFAULT_SETTINGS } = await import("../../../../extension/settings");

const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL("/popup.html") };

beforeEach(() => {
  fakeBrowser.reset();
});

describe("clipboard clear", () => {
  it("is a setting of never, 30 s, 1 min or 2 min, 30 s by default and for anything else", () => {
    expect(DEFAULT_SETTINGS.clipboardClearSeconds).toBe(30);
    expect(parseSettings({}).clipboardClearSeconds).toBe(30);
    for (const seconds of [0, 30, 60, 120]) {
      expect(parseSettings({ clipboardClearSeconds: seconds }).clipboardClearSeconds).toBe(seconds);
    }
    for (const bad of [5, -1, "60", null, 3600]) {
      expect(parseSettings({ clipboardClearSeconds: bad }).clipboardClearSeconds).toBe(30);
    }
  });

  it("starts the countdown the setting says when a code is copied, restarts it on the next copy", async () => {
    const start = Date.now();
    expect(await handleRequest({ type: "copied" }, page)).toEqual({ clearInSeconds: 30 });
    const first = await fakeBrowser.alarms.get(CLIPBOARD_ALARM);
    expect(first?.scheduledTime).toBeGreaterThanOrEqual(start + 30_000);
    expect(first?.scheduledTime).toBeLessThan(start + 31_000);

    const settings = { ...DEFAULT_SETTINGS, clipboardClearSeconds: 120 as const };
    await handleRequest({ type: "set-settings", settings }, page);
    const later = Date.now();
    expect(await handleRequest({ type: "copied" }, page)).toEqual({ clearInSeconds: 120 });
    const second = await fakeBrowser.alarms.get(CLIPBOARD_ALARM);
    expect(second?.scheduledTime).toBeGreaterThanOrEqual(later + 120_000);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
  });

  it("never: no countdown, and one already running is cancelled", async () => {
    await handleRequest({ type: "copied" }, page);
    expect(await fakeBrowser.alarms.get(CLIPBOARD_ALARM)).toBeDefined();
    await handleRequest(
      { type: "set-settings", settings: { ...DEFAULT_SETTINGS, clipboardClearSeconds: 0 } },
      page,
    );
    expect(await handleRequest({ type: "copied" }, page)).toEqual({ clearInSeconds: 0 });
    expect(await fakeBrowser.alarms.get(CLIPBOARD_ALARM)).toBeUndefined();
  });
});
