// Pure operations on the ordered account list (the vault stores the order the member chose).
import type { OtpParameters } from "../../shared/types";
import { MAX_ACCOUNTS_PER_VAULT } from "../import/limits";
import { type Account, isDuplicate, newAccount } from "./account";

export type AddMode = "ask" | "keep-both" | "replace";

export type AddOutcome =
  | { status: "added"; account: Account }
  | { status: "duplicate"; existing: Account }
  | { status: "vault-full" };

export function addAccount(
  accounts: Account[],
  params: OtpParameters,
  origin: string | undefined,
  mode: AddMode,
): { accounts: Account[]; outcome: AddOutcome } {
  const existing = accounts.find((a) => isDuplicate(a, params));
  if (existing && mode === "ask") return { accounts, outcome: { status: "duplicate", existing } };
  const grows = !(existing && mode === "replace");
  if (grows && accounts.length >= MAX_ACCOUNTS_PER_VAULT)
    return { accounts, outcome: { status: "vault-full" } };
  const account = newAccount(params, origin ?? (mode === "replace" ? existing?.origin : undefined));
  if (existing && mode === "replace") {
    const replaced = { ...account, id: existing.id };
    return {
      accounts: accounts.map((a) => (a.id === existing.id ? replaced : a)),
      outcome: { status: "added", account: replaced },
    };
  }
  return { accounts: [...accounts, account], outcome: { status: "added", account } };
}

export function editAccount(accounts: Account[], id: string, issuer: string, label: string): Account[] {
  return accounts.map((a) => (a.id === id ? { ...a, issuer: issuer.trim(), label: label.trim() } : a));
}

/** Moves one account up (-1) or down (+1). */
export function moveAccount(accounts: Account[], id: string, offset: -1 | 1): Account[] {
  const from = accounts.findIndex((a) => a.id === id);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= accounts.length) return accounts;
  const next = [...accounts];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

export function removeAccount(accounts: Account[], id: string): Account[] {
  return accounts.filter((a) => a.id !== id);
}

/** Undo of a delete: put the account back where it was. */
export function restoreAccount(accounts: Account[], account: Account, index: number): Account[] {
  if (accounts.some((a) => a.id === account.id)) return accounts;
  const next = [...accounts];
  next.splice(Math.min(Math.max(index, 0), next.length), 0, account);
  return next;
}

export function setOrigin(accounts: Account[], id: string, origin: string | undefined): Account[] {
  return accounts.map((a) => (a.id === id ? { ...a, origin } : a));
}

/** An HOTP code is used once: the stored counter moves on when a code is handed out or skipped. */
export function advanceCounter(accounts: Account[], id: string): Account[] {
  return accounts.map((a) =>
    a.id === id && a.type === "hotp" ? { ...a, counter: (a.counter ?? 0) + 1 } : a,
  );
}
