// @vitest-environment happy-dom
// The popup's list paints a first screenful of accounts first and every account right after that frame, and a
// row's code changes when its time step does, not on every one-second tick.
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateCode, groupCode } from "../../../../shared/totp";

vi.mock("../../../../extension/i18n", () => ({
  t: (key: string, ...subs: unknown[]) => [key, ...subs].join(" "),
}));

const { AccountList, FIRST_SCREENFUL } = await import("../../../../extension/ui/AccountList");
const { newAccount } = await import("../../../../extension/accounts/account");

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const accounts = Array.from({ length: 40 }, (_, i) =>
  newAccount(
    {
      type: "totp",
      issuer: `Service ${i}`,
      label: `user${i}`,
      secret: SECRET,
      algorithm: "SHA1",
      digits: 6,
      period: 30,
    },
    undefined,
  ),
);
const STEP_START = Date.UTC(2026, 10, 25, 12, 0, 0);
const actions = { onEdit: vi.fn(), onMove: vi.fn(), onDelete: vi.fn(), onHotpNext: vi.fn() };

function show(root: HTMLElement, now: number) {
  render(<AccountList accounts={accounts} nowFor={() => now} {...actions} />, root);
}

const roots: HTMLElement[] = [];
function mountPoint(): HTMLElement {
  const root = document.createElement("div");
  document.body.append(root);
  roots.push(root);
  return root;
}

// Unmount (inside act, so effect clean-ups run now): a list left mounted keeps a timer that would fire
// after the test environment's window is gone.
afterEach(() => {
  for (const root of roots.splice(0)) act(() => render(null, root));
  document.body.innerHTML = "";
});

describe("AccountList", () => {
  it("renders the first screenful at once and all accounts right after the first frame", async () => {
    const root = mountPoint();
    act(() => show(root, STEP_START + 1000));
    expect(root.querySelectorAll(".account")).toHaveLength(FIRST_SCREENFUL);
    await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
    expect(root.querySelectorAll(".account")).toHaveLength(accounts.length);
  });

  it("shows each row's current code, and the new one once the step changes", async () => {
    const root = mountPoint();
    act(() => show(root, STEP_START + 1000));
    const first = () => root.querySelector(".code")?.textContent;
    expect(first()).toBe(groupCode(generateCode(accounts[0]!, STEP_START + 1000)));
    act(() => show(root, STEP_START + 29_000));
    expect(first()).toBe(groupCode(generateCode(accounts[0]!, STEP_START)));
    act(() => show(root, STEP_START + 31_000));
    expect(first()).toBe(groupCode(generateCode(accounts[0]!, STEP_START + 30_000)));
    expect(generateCode(accounts[0]!, STEP_START + 30_000)).not.toBe(generateCode(accounts[0]!, STEP_START));
  });
});
