// Origin binding: an account remembers the origin of the tab it was scanned from. On that origin it is
// offered first and filled in one action; elsewhere the member is asked, naming the account's site.
import type { Account } from "./account";

/** The origin of a web page URL, or undefined for browser/extension pages where nothing is filled. */
export function webOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

export function accountsBoundTo(accounts: Account[], origin: string | undefined): Account[] {
  return origin ? accounts.filter((a) => a.origin === origin) : [];
}

/** Bound accounts first, then the rest in the member's order. */
export function orderForOrigin(accounts: Account[], origin: string | undefined): Account[] {
  const bound = accountsBoundTo(accounts, origin);
  return [...bound, ...accounts.filter((a) => !bound.includes(a))];
}

/**
 * Accounts in the popup's first frame: a row is about 100 px tall and the popup at most 600 px, so five rows fill
 * it below the bar and the search field; the rest follow right after that frame is painted (ui/AccountList.tsx).
 */
export const FIRST_SCREENFUL = 6;

/**
 * Every account the popup's first frame can show, whichever page it opens on: the first ones in the member's
 * order, and the first ones bound to each site (orderForOrigin puts those in front on their site).
 */
export function firstScreenfulOnAnyPage(accounts: Account[]): Account[] {
  const boundSoFar = new Map<string, number>();
  return accounts.filter((account, index) => {
    if (account.origin === undefined) return index < FIRST_SCREENFUL;
    const bound = boundSoFar.get(account.origin) ?? 0;
    boundSoFar.set(account.origin, bound + 1);
    return index < FIRST_SCREENFUL || bound < FIRST_SCREENFUL;
  });
}

export type FillDecision = { kind: "fill"; account: Account } | { kind: "choose" };

/** What a one-action trigger (context menu, shortcut) may do on `origin` without asking. */
export function decideFill(accounts: Account[], origin: string | undefined): FillDecision {
  const bound = accountsBoundTo(accounts, origin);
  const [only] = bound;
  if (only && bound.length === 1) return { kind: "fill", account: only };
  return { kind: "choose" };
}

/** Filling `account` into a page on `origin` needs the member's confirmation unless it is bound there. */
export function needsConfirmation(account: Account, origin: string | undefined): boolean {
  return account.origin !== origin;
}
