// The member's answer in our passkey window: user verification (the master password, or a recent unlock
// within the chosen window), then the credential made or the assertion signed by passkeys/, stored in the
// vault, and handed to Chrome for the page. Every refusal before approval leaves the vault unchanged.
import { lastBackupAt } from "../accounts/backup-reminder";
import type { PasskeyApproval, PasskeyRequestView } from "../messaging";
import { createCredential, creationRefusal } from "../passkeys/create-credential";
import { candidates, getAssertion } from "../passkeys/get-assertion";
import { type Passkey, passkeyInfo } from "../passkeys/passkey";
import { deletePasskey, readPasskeys, recordPasskeyUse, storePasskey } from "../passkeys/passkey-store";
import { readSettings } from "../settings";
import { passwordTypedWithin } from "../vault/recent-password";
import { confirmMasterPassword, hasVault, isUnlocked, unlockVault } from "../vault/vault-store";
import { answerRequest, handBack, type PendingRequest, pendingRequest, refuse } from "./passkey-requests";

async function recentlyVerified(): Promise<boolean> {
  const { passkeyUnlockMinutes } = await readSettings();
  return (await isUnlocked()) && (await passwordTypedWithin(passkeyUnlockMinutes));
}

export async function requestView(requestId: number): Promise<PasskeyRequestView | null> {
  const pending = await pendingRequest(requestId);
  if (!pending?.rpId) return null;
  return {
    kind: pending.kind,
    origin: pending.origin,
    rpId: pending.rpId,
    ...(pending.create ? { rpName: pending.create.rpName, userName: pending.create.user.name } : {}),
    needsPassword: !(await recentlyVerified()),
    hasVault: await hasVault(),
    ...(pending.page ? { fromField: true } : {}),
  };
}

/** The master password typed in our window: unlocks a locked vault, or is checked again (throttled alike). */
async function verify(password: string | undefined): Promise<PasskeyApproval | null> {
  if (password === undefined) return (await recentlyVerified()) ? null : { status: "needs-password" };
  const checked = (await isUnlocked()) ? await confirmMasterPassword(password) : await unlockVault(password);
  return checked.ok ? null : { status: "refused", reason: checked.reason, waitMs: checked.waitMs };
}

async function create(pending: PendingRequest & { create: NonNullable<PendingRequest["create"]> }) {
  const passkeys = (await readPasskeys()) ?? [];
  const refusal = creationRefusal(pending.create, pending.rpId, passkeys);
  if (refusal === "InvalidStateError") {
    await refuse(pending.requestId, refusal);
    return { status: "excluded" } as const;
  }
  if (refusal) {
    await refuse(pending.requestId, refusal);
    return { status: "gone" } as const;
  }
  const { passkey, response } = await createCredential({
    request: pending.create,
    rpId: pending.rpId,
    origin: pending.origin,
    userVerified: true,
  });
  await storePasskey(passkey);
  // Cancelled by the site meanwhile: it never received this key, so the vault does not keep it either.
  if (!(await answerRequest(pending.requestId, { responseJson: JSON.stringify(response) }))) {
    await deletePasskey(passkey.id);
    return { status: "gone" } as const;
  }
  return { status: "done" } as const;
}

async function sign(
  pending: PendingRequest & { get: NonNullable<PendingRequest["get"]> },
  passkeyId?: string,
) {
  const usable = candidates(pending.get, pending.rpId, (await readPasskeys()) ?? []);
  if (usable.length === 0) return { status: "no-passkey" } as const;
  const chosen: Passkey | undefined =
    usable.length === 1 && passkeyId === undefined ? usable[0] : usable.find((p) => p.id === passkeyId);
  if (!chosen) return { status: "choose", passkeys: usable.map(passkeyInfo) } as const;
  const backedUpAt = await lastBackupAt();
  const { response, signCount } = await getAssertion({
    request: pending.get,
    rpId: pending.rpId,
    origin: pending.origin,
    passkey: chosen,
    userVerified: true,
    backedUp: backedUpAt !== undefined && backedUpAt >= chosen.createdAt,
  });
  await recordPasskeyUse(chosen.id, signCount);
  await answerRequest(pending.requestId, { responseJson: JSON.stringify(response) });
  return { status: "done" } as const;
}

export async function approve(
  requestId: number,
  password?: string,
  passkeyId?: string,
): Promise<PasskeyApproval> {
  const pending = await pendingRequest(requestId);
  if (!pending?.rpId) return { status: "gone" };
  const refused = await verify(password);
  if (refused) return refused;
  if (pending.create) return create({ ...pending, create: pending.create });
  if (pending.get) return sign({ ...pending, get: pending.get }, passkeyId);
  return { status: "gone" };
}

/** Declined in our window; `toBrowser`: the browser's own authenticator gets this tab's next request. */
export async function decline(requestId: number, toBrowser: boolean): Promise<void> {
  const pending = await pendingRequest(requestId);
  if (!pending) return;
  if (toBrowser) await handBack(pending);
  await refuse(requestId);
}
