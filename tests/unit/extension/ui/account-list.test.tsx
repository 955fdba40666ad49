// @vitest-environment happy-dom
// The popup's list paints a first screenful of accounts first and every account right after that frame (or once
// the whole list has come, when the popup opened with the first screenful only), and a row's code changes when
// its time step does, not on every one-second tick; a code the worker made is used for its own step only.
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateCode, groupCode } from "../../../../shared/totp";

vi.mock("../../../../extension/i18n", () => ({
  t: (key: string, ...subs: unknown[]) => [key, ...subs].join(" "),
}));

const { AccountList } = await import("../../../../extension/ui/AccountList");
const { FIRST_SCREENFUL } = await import("../../../../extension/accounts/origin-binding");
const { newAccount } = await import("../../../../extension/accounts/account");
type ReadyCodes = import("../../../../extension/accounts/ready-codes").ReadyCodes;

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

function show(root: HTMLElement, now: number, codes?: ReadyCodes) {
  render(
    <AccountList accounts={accounts} total={accounts.length} nowFor={() => now} codes={codes} {...actions} />,
    root,
  );
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

  it("with only the first screenful known, shows that much, with the search field and no row marked last", async () => {
    const root = mountPoint();
    const first = accounts.slice(0, FIRST_SCREENFUL);
    const list = (shown: typeof accounts) => (
      <AccountList accounts={shown} total={accounts.length} nowFor={() => STEP_START} {...actions} />
    );
    act(() => render(list(first), root));
    await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
    expect(root.querySelectorAll(".account")).toHaveLength(FIRST_SCREENFUL);
    expect(root.querySelector("input.search")).not.toBeNull();
    // Open the last row's menu: "move down" stays possible, since more accounts follow it.
    const menus = root.querySelectorAll<HTMLButtonElement>(".icon-button");
    act(() => menus[menus.length - 1]!.click());
    const moveDown = [...root.querySelectorAll<HTMLButtonElement>(".account-menu button")].find(
      (button) => button.textContent === "moveDown",
    );
    expect(moveDown?.disabled).toBe(false);
    act(() => render(list(accounts), root));
    expect(root.querySelectorAll(".account")).toHaveLength(accounts.length);
  });

  it("uses the worker's code for the step it was made for, and computes any other step", () => {
    const root = mountPoint();
    const id = accounts[0]!.id;
    const step = Math.floor(STEP_START / 30_000);
    // A stand-in code, so that the test can tell a ready code from a computed one.
    const codes = { [id]: { step, code: "000000" } };
    act(() => show(root, STEP_START + 1000, codes));
    const first = () => root.querySelector(".code")?.textContent;
    expect(first()).toBe("000 000");
    act(() => show(root, STEP_START + 31_000, codes));
    expect(first()).toBe(groupCode(generateCode(accounts[0]!, STEP_START + 30_000)));
  });
});
