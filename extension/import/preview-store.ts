// The file read for a preview, kept until the member confirms it. It holds keys, so it lives in
// storage.session (memory only, trusted contexts only, like the session key) and survives the service worker
// sleeping while the member reads the preview. One preview at a time; taking it removes it (single use).
import type { Passkey } from "../passkeys/passkey";
import { removeStored, takeStored, writeStored } from "../vault/stored-values";
import type { Candidate } from "./entries";
import type { ImportSkip } from "./result";

const PREVIEW_KEY = "importPreview";
export const PREVIEW_TTL_MS = 10 * 60_000;

export interface StoredPreview {
  id: string;
  createdAt: number;
  candidates: Candidate[];
  skipped: ImportSkip[];
  passkeys?: Passkey[];
  /** What the member was shown (plan.ts' planFingerprint); confirming is refused if the plan is now another. */
  shown: string;
}

export async function keepPreview(preview: StoredPreview): Promise<void> {
  await writeStored("session", { [PREVIEW_KEY]: preview });
}

export async function clearPreview(): Promise<void> {
  await removeStored("session", PREVIEW_KEY);
}

/** The preview `id` if it is still the current one and fresh; removed either way so it is used once. */
export async function takePreview(id: string, now = Date.now()): Promise<StoredPreview | null> {
  const taken = (await takeStored("session", PREVIEW_KEY, (stored) => (stored as StoredPreview).id === id)) as
    | StoredPreview
    | undefined;
  return taken && now - taken.createdAt <= PREVIEW_TTL_MS ? taken : null;
}
