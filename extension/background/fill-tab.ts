// Filling a code into a page. The injected script gets the code only, never the secret. Decides first
// whether the account's bound origin allows a one-action fill (origin binding) or the member must confirm.
import { browser } from "wxt/browser";
import { generateCode } from "../../shared/totp";
import type { Account } from "../accounts/account";
import { setOrigin } from "../accounts/account-list";
import { decideFill, needsConfirmation } from "../accounts/origin-binding";
import { originOfTab } from "../active-tab";
import { correctedNow } from "../clock/clock-skew";
import type { FillResult } from "../messaging";
import { readVault, updateVault } from "../vault/vault-store";
import { measurementForFill } from "./clock-offset";
import { takeHotpCode } from "./hotp-counter";
import { injectFill } from "./inject-fill";
import { setPending } from "./pending";

/** The code at the PC's time corrected by the clock measurement of the page (or of the account's own site). */
async function codeFor(account: Account, tabId: number, pageOrigin: string): Promise<string> {
  const measurement =
    account.type === "totp" ? await measurementForFill(tabId, pageOrigin, account.origin) : undefined;
  // An HOTP code is used once: the stored counter moves on as the code is taken.
  if (account.type === "hotp") return (await takeHotpCode(account.id)).code ?? generateCode(account);
  return generateCode(account, correctedNow(Date.now(), measurement));
}

/**
 * Fills `id`'s code into the tab. Only an account bound to the page's origin fills without a question; an
 * unbound one (typed in, imported, read from an image) is asked about too, naming the page's site, and
 * `bind` then binds it there so that the next fill is one action.
 */
export async function fillAccount(
  id: string,
  tabId: number,
  confirmed: boolean,
  bind = false,
): Promise<FillResult> {
  const data = await readVault();
  const account = data?.accounts.find((a) => a.id === id);
  if (!account) return { status: "failed", reason: "locked" };
  const pageOrigin = await originOfTab(tabId);
  if (!pageOrigin) return { status: "failed", reason: "no-page" };
  if (needsConfirmation(account, pageOrigin) && !confirmed) {
    return { status: "confirm", accountOrigin: account.origin, pageOrigin };
  }
  if (bind && !account.origin) {
    await updateVault((d) => ({ data: { accounts: setOrigin(d.accounts, id, pageOrigin) }, result: 0 }));
  }
  return injectFill(tabId, await codeFor(account, tabId, pageOrigin), pageOrigin);
}

/** Context menu / keyboard shortcut: fill in one action when exactly one account is bound to the page. */
export async function fillFromTrigger(tabId: number): Promise<void> {
  const origin = await originOfTab(tabId);
  const data = await readVault();
  const decision = data ? decideFill(data.accounts, origin) : { kind: "choose" as const };
  if (decision.kind === "fill") {
    const result = await fillAccount(decision.account.id, tabId, false);
    if (result.status === "filled") return;
  }
  await setPending({ kind: "choose-account", tabId, origin });
}

export function registerFillTriggers(menuTitle: string): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: "fill-otp", title: menuTitle, contexts: ["editable"] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === "fill-otp" && tab?.id !== undefined) void fillFromTrigger(tab.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === "fill-otp" && tab?.id !== undefined) void fillFromTrigger(tab.id);
  });
}
