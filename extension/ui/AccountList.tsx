// The list of accounts with search; accounts bound to the current page come first.
import { useEffect, useState } from "preact/hooks";
import type { Account } from "../accounts/account";
import { FIRST_SCREENFUL, orderForOrigin } from "../accounts/origin-binding";
import type { ReadyCodes } from "../accounts/ready-codes";
import { t } from "../i18n";
import { type AccountActions, AccountItem } from "./AccountItem";

interface Props extends AccountActions {
  /** The whole list, or only the first screenful while the rest is on its way (messaging.ts, FirstScreenful). */
  accounts: Account[];
  /** How many accounts the vault holds. */
  total: number;
  origin?: string;
  /** The time an account's codes are made at (the PC clock, corrected for clock skew). */
  nowFor: (account: Account) => number;
  /** The worker's codes from the popup's opening (accounts/ready-codes.ts). */
  codes?: ReadyCodes;
}

/** False until the first frame with the first screenful has been painted. */
function useAfterFirstPaint(needed: boolean): boolean {
  const [painted, setPainted] = useState(!needed);
  useEffect(() => {
    if (painted) return;
    // A timeout queued from an animation frame runs after that frame's paint; the fallback covers pages
    // that get no frames (a hidden tab).
    let timer = setTimeout(() => setPainted(true), 100);
    const frame = requestAnimationFrame(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}

function matches(account: Account, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || account.issuer.toLowerCase().includes(q) || account.label.toLowerCase().includes(q);
}

export function AccountList({ accounts, total, origin, nowFor, codes, ...actions }: Props) {
  const [query, setQuery] = useState("");
  const shown = orderForOrigin(accounts, origin).filter((a) => matches(a, query));
  const all = useAfterFirstPaint(accounts.length > FIRST_SCREENFUL);
  const complete = accounts.length === total;
  const rendered = all && complete ? shown : shown.slice(0, FIRST_SCREENFUL);
  if (total === 0) return <p class="empty">{t("emptyList")}</p>;
  return (
    <>
      {total > 3 && (
        <input
          type="search"
          class="search"
          placeholder={t("search")}
          aria-label={t("search")}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      )}
      <ul class="accounts" aria-label={t("accountsLabel")}>
        {rendered.map((account) => (
          <AccountItem
            key={account.id}
            account={account}
            now={nowFor(account)}
            ready={codes?.[account.id]}
            boundHere={!!origin && account.origin === origin}
            first={accounts[0]?.id === account.id}
            last={complete && accounts[accounts.length - 1]?.id === account.id}
            {...actions}
          />
        ))}
      </ul>
      {shown.length === 0 && <p class="empty">{t("noMatch")}</p>}
    </>
  );
}
