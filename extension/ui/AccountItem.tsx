// One account in the popup list: issuer, label, grouped code (click to copy), countdown ring, the next code
// in the last 5 seconds, 入力 and a small menu (edit, move, delete).
import { useMemo, useRef, useState } from "preact/hooks";
import { codeStep, groupCode, nextCode, secondsRemaining } from "../../shared/totp";
import type { Account } from "../accounts/account";
import { codeAt, type ReadyCode } from "../accounts/ready-codes";
import { type MessageKey, t } from "../i18n";
import { CountdownRing } from "./CountdownRing";
import { COPIED_MESSAGES, copyCode } from "./clipboard";

export interface AccountActions {
  onFill?: (account: Account) => void;
  onEdit: (account: Account) => void;
  onMove: (account: Account, offset: -1 | 1) => void;
  onDelete: (account: Account) => void;
  onHotpNext: (account: Account) => void;
}

interface Props extends AccountActions {
  account: Account;
  now: number;
  /** The worker's code for this account, used while its step lasts. */
  ready?: ReadyCode;
  boundHere: boolean;
  first: boolean;
  last: boolean;
}

export function AccountItem({ account, now, ready, boundHere, first, last, ...actions }: Props) {
  const [copied, setCopied] = useState<MessageKey | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  // Recomputed when the step changes, not on every one-second tick (200 accounts → 200 HMACs a second).
  const step = codeStep(account, now);
  const code = useMemo(() => codeAt(account, now, ready), [account, step]);
  const grouped = groupCode(code);
  const totp = account.type === "totp";
  const remaining = totp ? secondsRemaining(account.period, now) : 0;
  const titleId = `title-${account.id}`;

  async function copy() {
    const done = await copyCode(code);
    if (!done) return;
    setCopied(COPIED_MESSAGES[done.clearInSeconds]);
    setTimeout(() => setCopied(null), 3000);
  }

  return (
    <li class={boundHere ? "account bound" : "account"} aria-labelledby={titleId}>
      <div class="account-head">
        <div class="account-names" id={titleId}>
          <span class="issuer">{account.issuer || account.label}</span>
          {account.issuer && <span class="label">{account.label}</span>}
          {boundHere && <span class="badge">{t("boundHereBadge")}</span>}
        </div>
        <button
          ref={menuButton}
          type="button"
          class="icon-button"
          aria-expanded={menuOpen}
          aria-label={t("accountMenu", account.issuer || account.label)}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          ⋯
        </button>
      </div>
      <div class="account-code">
        <button
          type="button"
          class="code"
          data-code={code}
          aria-label={totp ? t("copyCodeLabel", grouped, remaining) : t("copyCodeLabelHotp", grouped)}
          onClick={copy}
        >
          {grouped}
        </button>
        {totp && <CountdownRing remaining={remaining} period={account.period} />}
        {actions.onFill && (
          <button type="button" class="fill-button" onClick={() => actions.onFill?.(account)}>
            {t("fillButton")}
          </button>
        )}
      </div>
      <div class="account-foot" aria-live="polite">
        {copied && <span class="copied">{t(copied)}</span>}
        {!copied && totp && remaining <= 5 && (
          <span class="next-code">{t("nextCode", groupCode(nextCode(account, now)))}</span>
        )}
        {!totp && (
          <button type="button" class="link" onClick={() => actions.onHotpNext(account)}>
            {t("hotpNext")}
          </button>
        )}
      </div>
      {menuOpen && (
        <div
          class="account-menu"
          role="toolbar"
          aria-orientation="vertical"
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.stopPropagation(); // Esc closes this menu, not the popup
            event.preventDefault();
            setMenuOpen(false);
            menuButton.current?.focus();
          }}
        >
          <button type="button" onClick={() => actions.onEdit(account)}>
            {t("edit")}
          </button>
          <button type="button" disabled={first} onClick={() => actions.onMove(account, -1)}>
            {t("moveUp")}
          </button>
          <button type="button" disabled={last} onClick={() => actions.onMove(account, 1)}>
            {t("moveDown")}
          </button>
          <button type="button" class="danger" onClick={() => actions.onDelete(account)}>
            {t("delete")}
          </button>
        </div>
      )}
    </li>
  );
}
