// @vitest-environment happy-dom
// The popup's clock warning: which way the PC clock is off and by how much, against which site, whether the
// codes are corrected, and the steps for the member's system (Windows, macOS, or both elsewhere).
import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("../../../../extension/i18n", () => ({
  t: (key: string, ...subs: unknown[]) => [key, ...subs].join(" "),
}));

const { ClockWarning } = await import("../../../../extension/ui/ClockWarning");

const WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
const MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
const LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";

function show(userAgent: string, warning: Parameters<typeof ClockWarning>[0]["warning"]) {
  vi.spyOn(navigator, "userAgent", "get").mockReturnValue(userAgent);
  const root = document.createElement("div");
  document.body.append(root);
  render(<ClockWarning warning={warning} origin="https://portal.example:8443" />, root);
  return root.textContent ?? "";
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

describe("ClockWarning", () => {
  it("names the direction, the amount and the site's host, and says the codes are corrected", () => {
    const text = show(WINDOWS, { direction: "behind", seconds: 90, corrected: true });
    expect(text).toContain("clockBehind clockMinutesSeconds 1 30 portal.example:8443");
    expect(text).toContain("clockCorrected");
    expect(text).toContain("clockFixWindows");
    expect(text).not.toContain("clockFixMac");
  });

  it("says when the offset is too large to correct, in hours and minutes, with the macOS steps on a Mac", () => {
    const text = show(MAC, { direction: "ahead", seconds: 9 * 3600 + 120, corrected: false });
    expect(text).toContain("clockAhead clockHoursMinutes 9 2");
    expect(text).toContain("clockNotCorrected");
    expect(text).toContain("clockFixMac");
    expect(text).not.toContain("clockFixWindows");
  });

  it("shows both systems' steps elsewhere, and seconds alone under a minute", () => {
    const text = show(LINUX, { direction: "ahead", seconds: 20, corrected: true });
    expect(text).toContain("clockAhead clockSeconds 20");
    expect(text).toContain("clockFixWindows");
    expect(text).toContain("clockFixMac");
  });
});
