// @vitest-environment happy-dom
// One account row of the popup: grouped code, countdown, the next code only in the last 5 seconds, copy to the
// clipboard, 入力 only when the page can be filled, and a menu that Esc closes.
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateCode, groupCode } from "../../../../shared/totp";

vi.mock("../../../../extension/i18n", () => ({
  t: (key: string, ...subs: unknown[]) => [key, ...subs].join(" "),
}));
// The background's answer to "copied": it will clear the clipboard in 60 s (the member's setting).
const send = vi.fn().mockResolvedValue({ clearInSeconds: 60 });
vi.mock("../../../../extension/messaging", () => ({ send }));

const { AccountItem } = await import("../../../../extension/ui/AccountItem");
const { newAccount } = await import("../../../../extension/accounts/account");

const account = newAccount(
  {
    type: "totp",
    issuer: "KOSMO Web",
    label: "taro",
    secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  },
  "https://portal.example",
);
const STEP_START = Date.UTC(2026, 10, 25, 12, 0, 0);
const actions = { onEdit: vi.fn(), onMove: vi.fn(), onDelete: vi.fn(), onHotpNext: vi.fn() };

const roots: HTMLElement[] = [];

function show(now: number, onFill?: () => void) {
  const root = document.createElement("ul");
  document.body.append(root);
  roots.push(root);
  render(<AccountItem account={account} now={now} boundHere first last onFill={onFill} {...actions} />, root);
  return root;
}

// Unmount so that no effect or timer of a row outlives the test environment's window.
afterEach(() => {
  for (const root of roots.splice(0)) render(null, root);
  document.body.innerHTML = "";
});

describe("AccountItem", () => {
  it("shows the grouped current code and no next code early in the period", () => {
    const root = show(STEP_START + 2_000);
    const code = root.querySelector<HTMLButtonElement>(".code");
    expect(code?.textContent).toBe(groupCode(generateCode(account, STEP_START)));
    expect(code?.getAttribute("aria-label")).toContain("28");
    expect(root.querySelector(".next-code")).toBeNull();
    expect(root.querySelector(".fill-button")).toBeNull(); // nothing to fill into
  });

  it("shows the next code in the last 5 seconds", () => {
    const root = show(STEP_START + 26_000);
    expect(root.querySelector(".next-code")?.textContent).toContain(
      groupCode(generateCode(account, STEP_START + 30_000)),
    );
  });

  it("copies the ungrouped code, says when the background will clear it, and offers 入力 when a page can be filled", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const onFill = vi.fn();
    const root = show(STEP_START + 2_000, onFill);
    await act(async () => root.querySelector<HTMLButtonElement>(".code")?.click());
    expect(writeText).toHaveBeenCalledWith(generateCode(account, STEP_START));
    expect(send).toHaveBeenCalledWith({ type: "copied" });
    // The row says what the background answered: the clipboard is cleared in 60 s.
    await vi.waitFor(() => expect(root.querySelector(".copied")?.textContent).toBe("copiedClear60"));
    root.querySelector<HTMLButtonElement>(".fill-button")?.click();
    expect(onFill).toHaveBeenCalledWith(account);
  });

  it("closes its menu with Esc and gives focus back to the menu button", async () => {
    const root = show(STEP_START + 2_000);
    const menuButton = root.querySelector<HTMLButtonElement>(".icon-button")!;
    await act(async () => menuButton.click());
    expect(menuButton.getAttribute("aria-expanded")).toBe("true");
    const edit = root.querySelector<HTMLButtonElement>(".account-menu button")!;
    edit.focus();
    await act(async () => {
      edit.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    });
    expect(root.querySelector(".account-menu")).toBeNull();
    expect(menuButton.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(menuButton);
  });
});
