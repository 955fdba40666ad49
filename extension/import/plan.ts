// What an import will do to the vault, decided before anything is written: each account of the file is added,
// replaces the vault's account of the same issuer and label (a re-enrolled key), or is skipped as a duplicate
// (same key already in the vault, or an earlier entry of the file with the same key or names). Duplicates are
// found through key sets in one pass (10,000 accounts take milliseconds, not the quadratic merge's seconds).

import type { OtpParameters } from "../../shared/types";
import type { Account } from "../accounts/account";
import { newAccount } from "../accounts/account";
import type { Candidate, ParsedFile } from "./entries";
import { ImportStop, MAX_ACCOUNTS_PER_VAULT } from "./limits";
import type { ImportSkip, PreviewEntry } from "./result";

export interface ImportPlan {
  added: Candidate[];
  replaced: { candidate: Candidate; id: string }[];
  skipped: ImportSkip[];
}

const nameKey = (params: Pick<OtpParameters, "issuer" | "label">) => `${params.issuer}\u0000${params.label}`;

/**
 * `replaceNamesakes`: an entry with a vault account's issuer and label but another key replaces that account
 * (the settings page, which previews it); otherwise it is skipped (the popup's one-step Google import).
 */
export function planImport(
  vault: Account[],
  file: Pick<ParsedFile, "candidates" | "skipped">,
  { replaceNamesakes }: { replaceNamesakes: boolean },
): ImportPlan {
  const vaultSecrets = new Set(vault.map((a) => a.secret));
  const vaultNames = new Map(vault.map((a) => [nameKey(a), a.id]));
  const fileSecrets = new Set<string>();
  const fileNames = new Set<string>();
  const plan: ImportPlan = { added: [], replaced: [], skipped: [...file.skipped] };
  for (const candidate of file.candidates) {
    const { secret } = candidate.params;
    const names = nameKey(candidate.params);
    const skip = (reason: ImportSkip["reason"]) => plan.skipped.push({ ...candidate.ref, reason });
    const namesake = vaultNames.get(names);
    if (fileSecrets.has(secret) || fileNames.has(names)) skip("duplicate-in-file");
    else if (vaultSecrets.has(secret)) skip("duplicate-in-vault");
    else if (namesake && !replaceNamesakes) skip("duplicate-in-vault");
    else if (namesake) plan.replaced.push({ candidate, id: namesake });
    else plan.added.push(candidate);
    fileSecrets.add(secret);
    fileNames.add(names);
  }
  plan.skipped.sort((a, b) => a.at - b.at);
  // Only growth is refused: a vault already past the limit (filled before it existed) may still be updated.
  if (plan.added.length > 0 && vault.length + plan.added.length > MAX_ACCOUNTS_PER_VAULT) {
    throw new ImportStop("vault-full", MAX_ACCOUNTS_PER_VAULT);
  }
  return plan;
}

/** The vault's list after the plan: replaced accounts keep their place, id and bound site unless the file has one. */
export function applyPlan(vault: Account[], plan: ImportPlan, now = Date.now()): Account[] {
  const replacements = new Map(plan.replaced.map(({ candidate, id }) => [id, candidate]));
  const next = vault.map((account) => {
    const candidate = replacements.get(account.id);
    if (!candidate) return account;
    return { ...newAccount(candidate.params, candidate.origin ?? account.origin, now), id: account.id };
  });
  return [...next, ...plan.added.map(({ params, origin }) => newAccount(params, origin, now))];
}

/** What the preview shows of an entry: where it is, its names and type; never its key. */
export function previewEntry({ ref, params }: Candidate): PreviewEntry {
  return { ...ref, type: params.type };
}

/** Which accounts a plan adds and which it replaces: equal only when the vault would change the same way. */
export function planFingerprint(plan: ImportPlan): string {
  return JSON.stringify([
    plan.added.map(({ ref, params }) => [ref.at, params.secret]),
    plan.replaced.map(({ candidate, id }) => [id, candidate.params.secret]),
  ]);
}

export function planCounts(plan: ImportPlan): { added: number; replaced: number; skipped: number } {
  return { added: plan.added.length, replaced: plan.replaced.length, skipped: plan.skipped.length };
}
