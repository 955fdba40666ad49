// Turns decoded QR texts or a pasted URI into a vault account (or a clear, localized-by-code error).
import { parseOtpauthUri } from "../../shared/otpauth";
import type { OtpParameters } from "../../shared/types";
import { type AddMode, addAccount } from "../accounts/account-list";
import { ImportStop, MAX_ACCOUNTS_PER_VAULT } from "../import/limits";
import { parseOtpauthLines } from "../import/otpauth-lines";
import type { AddResult } from "../messaging";
import { isUnlocked, updateVault } from "../vault/vault-store";

export async function addParams(
  params: OtpParameters,
  origin: string | undefined,
  mode: AddMode,
  tabId?: number,
): Promise<AddResult> {
  if (!(await isUnlocked())) return { status: "error", error: "locked" };
  const { outcome, accounts } = await updateVault((data) => {
    const next = addAccount(data.accounts, params, origin, mode);
    return { data: { accounts: next.accounts }, result: next };
  });
  if (outcome.status === "vault-full") {
    return { status: "error", error: "vault-full", found: MAX_ACCOUNTS_PER_VAULT.toLocaleString("en-US") };
  }
  if (outcome.status === "duplicate") {
    return { status: "duplicate", existing: outcome.existing, candidate: params, origin, tabId };
  }
  return { status: "added", account: outcome.account, tabId, accounts };
}

/** Google Authenticator export texts among `texts`: how many accounts they hold, added only once confirmed. */
function migrationOffer(texts: string[]): AddResult | null {
  const migration = texts.filter((text) => /^otpauth-migration:/i.test(text.trim())).join("\n");
  if (!migration) return null;
  try {
    const { candidates, skipped } = parseOtpauthLines(migration);
    if (candidates.length === 0) return null; // reported as is-migration below
    return { status: "migration", text: migration, count: candidates.length, skipped: skipped.length };
  } catch (error) {
    if (error instanceof ImportStop) return null; // broken, empty or too large: reported as is-migration below
    throw error;
  }
}

/** Adds the one otpauth account among `texts`; errors name what was found instead. */
export async function addFromTexts(
  texts: string[],
  origin: string | undefined,
  tabId?: number,
): Promise<AddResult> {
  if (texts.length === 0) return { status: "error", error: "no-qr" };
  const offer = migrationOffer(texts);
  if (offer) return offer;
  const parsed = texts.map((text) => parseOtpauthUri(text));
  const account = parsed.flatMap((p) => (p.ok ? [p.account] : []))[0];
  if (account) return addParams(account, origin, "ask", tabId);
  const failure = parsed.flatMap((p) => (p.ok ? [] : [p.error]))[0];
  return failure
    ? { status: "error", error: failure.code, found: failure.found }
    : { status: "error", error: "no-qr" };
}
