// Import on the settings page, in two steps: "import-preview" reads the file (any format of
// import/detect-and-parse.ts, with its password when it has one) and answers what would be added, replaced and
// skipped, writing nothing; "import-confirm" (「取り込む」) writes that plan in one vault write, or nothing when
// the vault has changed since. The popup's Google Authenticator export, whose count the member has already
// confirmed, is imported in one step by "import". A refused file changes nothing and says why.
import { detectAndParse } from "../import/detect-and-parse";
import type { ParsedFile } from "../import/entries";
import { ImportStop, MAX_IMPORT_BYTES } from "../import/limits";
import { parseOtpauthLines } from "../import/otpauth-lines";
import {
  applyPlan,
  type ImportPlan,
  planCounts,
  planFingerprint,
  planImport,
  previewEntry,
} from "../import/plan";
import { keepPreview, takePreview } from "../import/preview-store";
import type { ImportDoneResult, ImportPreviewResult, ImportRefused } from "../import/result";
import { mergePasskeys } from "../passkeys/passkey-merge";
import { fromBase64 } from "../vault/bytes";
import { isUnlocked, readVault, updateVault } from "../vault/vault-store";

const LOCKED: ImportRefused = { status: "refused", reason: "locked" };

function refused(stop: ImportStop): ImportRefused {
  const reason =
    stop.outcome === "needs-password" || stop.outcome === "wrong-password" ? "damaged" : stop.outcome;
  return { status: "refused", reason, ...(stop.limit ? { limit: stop.limit } : {}) };
}

function decodeFile(base64: string): Uint8Array {
  if (base64.length > Math.ceil(MAX_IMPORT_BYTES / 3) * 4) throw new ImportStop("too-large");
  try {
    return fromBase64(base64);
  } catch {
    throw new ImportStop("damaged");
  }
}

async function preview(parsed: ParsedFile): Promise<ImportPreviewResult> {
  const vault = await readVault();
  if (!vault) return LOCKED;
  const plan = planImport(vault.accounts, parsed, { replaceNamesakes: true });
  const id = crypto.randomUUID();
  const { candidates, skipped, passkeys } = parsed;
  const newPasskeys = mergePasskeys(vault.passkeys ?? [], passkeys ?? []).added;
  await keepPreview({
    id,
    createdAt: Date.now(),
    candidates,
    skipped,
    ...(passkeys ? { passkeys } : {}),
    shown: planFingerprint(plan),
  });
  return {
    status: "preview",
    id,
    format: parsed.format,
    encrypted: parsed.encrypted,
    added: plan.added.map(previewEntry),
    replaced: plan.replaced.map(({ candidate }) => previewEntry(candidate)),
    skipped: plan.skipped,
    ...(newPasskeys.length > 0
      ? { passkeys: newPasskeys.map(({ rpId, userName }) => ({ rpId, userName })) }
      : {}),
  };
}

/** `file`: the file's bytes in base64 (files may be binary, e.g. andOTP's encrypted backup). */
export async function previewImport(file: string, password?: string): Promise<ImportPreviewResult> {
  if (!(await isUnlocked())) return LOCKED;
  try {
    return await preview(await detectAndParse(decodeFile(file), password || undefined));
  } catch (error) {
    if (!(error instanceof ImportStop)) throw error;
    const { outcome, format } = error;
    if ((outcome === "needs-password" || outcome === "wrong-password") && format)
      return { status: outcome, format };
    return refused(error);
  }
}

/**
 * Writes a plan in one vault write, recomputed against the vault as it is now; `check` may refuse it. Nothing
 * is written when the plan neither adds nor replaces.
 */
async function writePlan(
  file: Pick<ParsedFile, "candidates" | "skipped" | "passkeys">,
  replaceNamesakes: boolean,
  check: (plan: ImportPlan) => void = () => {},
): Promise<ImportDoneResult> {
  try {
    const vault = await readVault();
    if (!vault) return LOCKED;
    const first = planImport(vault.accounts, file, { replaceNamesakes });
    check(first);
    const firstPasskeys = mergePasskeys(vault.passkeys ?? [], file.passkeys ?? []).added;
    if (first.added.length + first.replaced.length + firstPasskeys.length === 0)
      return { status: "imported", ...planCounts(first) };
    return await updateVault((data) => {
      const plan = planImport(data.accounts, file, { replaceNamesakes });
      check(plan);
      // Passkeys are merged in the same write (a used counter from the backup never lowers the vault's).
      const merged = mergePasskeys(data.passkeys ?? [], file.passkeys ?? []);
      const passkeys = file.passkeys?.length ? { passkeys: merged.passkeys } : {};
      const count = merged.added.length > 0 ? { passkeys: merged.added.length } : {};
      return {
        data: { accounts: applyPlan(data.accounts, plan), ...passkeys },
        result: { status: "imported", ...planCounts(plan), ...count },
      };
    });
  } catch (error) {
    if (error instanceof ImportStop) return refused(error);
    throw error;
  }
}

export async function confirmImport(id: string): Promise<ImportDoneResult> {
  if (!(await isUnlocked())) return LOCKED;
  const stored = await takePreview(id);
  if (!stored) return { status: "refused", reason: "expired" };
  return writePlan(stored, true, (plan) => {
    if (planFingerprint(plan) !== stored.shown) throw new ImportStop("changed");
  });
}

/** The popup's Google Authenticator export: counted and confirmed there; duplicates are never replaced. */
export async function importText(text: string): Promise<ImportDoneResult> {
  if (!(await isUnlocked())) return LOCKED;
  try {
    return await writePlan(parseOtpauthLines(text), false);
  } catch (error) {
    if (error instanceof ImportStop) return refused(error);
    throw error;
  }
}
