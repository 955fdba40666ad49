// Chrome allows about two captureVisibleTab calls a second: a second scan within a second gets a quota error.
// The capture then waits about a second and tries once more; any other error is passed on untouched.
import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { captureWithRetry, isCaptureQuotaError } = await import("../../../../extension/background/scan");

const quotaError = new Error("This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.");

describe("captureWithRetry", () => {
  it("waits about a second after Chrome's quota error and retries once", async () => {
    const capture = vi.fn().mockRejectedValueOnce(quotaError).mockResolvedValueOnce("data:image/png;base64,");
    const waits: number[] = [];
    const result = await captureWithRetry(capture, async (ms) => void waits.push(ms));
    expect(result).toBe("data:image/png;base64,");
    expect(capture).toHaveBeenCalledTimes(2);
    expect(waits).toEqual([1000]);
  });

  it("retries only once", async () => {
    const capture = vi.fn().mockRejectedValue(quotaError);
    await expect(captureWithRetry(capture, async () => {})).rejects.toThrow("MAX_CAPTURE");
    expect(capture).toHaveBeenCalledTimes(2);
  });

  it("does not retry other errors", async () => {
    const capture = vi.fn().mockRejectedValue(new Error("Cannot access contents of the page"));
    const wait = vi.fn(async () => {});
    await expect(captureWithRetry(capture, wait)).rejects.toThrow("Cannot access");
    expect(capture).toHaveBeenCalledTimes(1);
    expect(wait).not.toHaveBeenCalled();
    expect(isCaptureQuotaError("MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND")).toBe(true);
  });
});
