// @vitest-environment happy-dom
// The popup opens on the first screenful the worker's opening answer holds (with the worker's codes), asks for
// the whole list once that frame is painted, and never shows a list it asked for before a change over the list
// the change answered with.
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { Account } from "../../../../extension/accounts/account";
import type { AccountsResponse, OpenResponse, Request } from "../../../../extension/messaging";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));
vi.mock("../../../../extension/i18n", () => ({
  t: (key: string, ...subs: unknown[]) => [key, ...subs].join(" "),
  loadLanguage: async () => {},
  currentLanguage: () => "ja",
}));
/** The worker, as the test answers for it: `list` waits until the test says. */
const worker = vi.hoisted(() => ({
  requests: [] as { type: string }[],
  answer: new Map<string, (request: { type: string }) => unknown>(),
}));
vi.mock("../../../../extension/messaging", () => ({
  send: async (request: { type: string }) => {
    worker.requests.push(request);
    return worker.answer.get(request.type)?.(request);
  },
}));

const { PopupApp } = await import("../../../../extension/ui/PopupApp");
const { FIRST_SCREENFUL } = await import("../../../../extension/accounts/origin-binding");
const { newAccount } = await import("../../../../extension/accounts/account");
const { DEFAULT_SETTINGS } = await import("../../../../extension/settings");

const accounts: Account[] = Array.from({ length: 30 }, (_, i) =>
  newAccount(
    {
      type: "totp",
      issuer: `Service ${i}`,
      label: `user${i}`,
      secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
      algorithm: "SHA1",
      digits: 6,
      period: 30,
    },
    undefined,
  ),
);
const first = accounts.slice(0, FIRST_SCREENFUL);
const step = Math.floor(Date.now() / 30_000);
// Stand-in codes, so that the test can tell the worker's codes from codes the popup computed.
const codes = Object.fromEntries(first.map((a) => [a.id, { step, code: "000000" }]));

const opened: OpenResponse = {
  hasVault: true,
  unlocked: true,
  settings: DEFAULT_SETTINGS,
  throttleMs: 0,
  firstScreenful: { accounts: first, codes, total: accounts.length },
  clock: {},
  passkeys: { passkeys: [], sites: [] },
  reminder: false,
};

/** A `list` answer the test releases when it wants. */
function heldList(): () => void {
  let release = () => {};
  const answer = new Promise<AccountsResponse>((resolve) => {
    release = () => resolve({ accounts });
  });
  worker.answer.set("list", () => answer);
  return () => release();
}

const afterFirstFrame = () => act(() => new Promise((resolve) => setTimeout(resolve, 150)));

let root: HTMLElement | null = null;
async function openPopup(): Promise<HTMLElement> {
  root = document.createElement("div");
  document.body.append(root);
  const opening = { status: Promise.resolve(opened), page: Promise.resolve({}) };
  await act(async () => {
    render(<PopupApp opening={opening} />, root!);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the opening's answers are taken
  });
  return root;
}

afterEach(() => {
  if (root) act(() => render(null, root!));
  root = null;
  document.body.innerHTML = "";
  worker.requests.length = 0;
  worker.answer.clear();
});

const rows = (popup: HTMLElement) => popup.querySelectorAll(".account").length;
const listAsked = () => worker.requests.filter((r) => r.type === "list").length;

describe("PopupApp", () => {
  it("paints the first screenful with the worker's codes, then asks for and shows the whole list", async () => {
    const release = heldList();
    const popup = await openPopup();
    expect(rows(popup)).toBe(FIRST_SCREENFUL);
    expect(popup.querySelector(".code")?.textContent).toBe("000 000");
    await afterFirstFrame();
    expect(listAsked()).toBe(1);
    expect(rows(popup)).toBe(FIRST_SCREENFUL);
    release();
    await afterFirstFrame();
    expect(rows(popup)).toBe(accounts.length);
    expect(listAsked()).toBe(1);
  });

  it("does not show a list asked for before a delete over the list the delete answered with", async () => {
    const release = heldList();
    const [gone, ...kept] = accounts;
    worker.answer.set("delete", (request) => {
      expect((request as Extract<Request, { type: "delete" }>).id).toBe(gone!.id);
      return { accounts: kept, removed: { account: gone, index: 0 } };
    });
    const popup = await openPopup();
    await afterFirstFrame(); // the whole list is asked for, and held
    act(() => popup.querySelector<HTMLButtonElement>(".icon-button")!.click());
    const remove = [...popup.querySelectorAll<HTMLButtonElement>(".account-menu button")].find(
      (button) => button.textContent === "delete",
    );
    await act(async () => remove!.click());
    await afterFirstFrame();
    expect(rows(popup)).toBe(kept.length);
    release(); // the older answer, with the deleted account still in it
    await afterFirstFrame();
    expect(rows(popup)).toBe(kept.length);
    expect(popup.textContent).not.toContain(`Service 0 `);
  });
});
