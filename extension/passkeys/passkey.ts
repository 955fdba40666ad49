// A passkey in the vault: the private key and what the relying party gave at creation. The vault's AES-GCM
// already refuses a changed ciphertext; this validation is the second wall, at the boundary where data
// comes back from storage or from an imported backup: an entry that is not exactly this shape is refused.
import { fromBase64Url } from "./base64url";
import type { Es256PrivateKey } from "./signature";

export interface Passkey {
  /** The credential ID (16 random bytes, base64url): what the relying party stores. */
  id: string;
  rpId: string;
  /** The site's name for itself (rp.name), shown in our window. */
  rpName: string;
  /** user.id (base64url), returned as userHandle so a passwordless sign-in finds the account. */
  userHandle: string;
  userName: string;
  userDisplayName: string;
  /** The member's own name for it in the popup (empty: the user name is shown). */
  label: string;
  privateKey: Es256PrivateKey;
  signCount: number;
  /** The origin that created it (shown; the rpId rule, not this, decides where it may be used). */
  origin: string;
  createdAt: number;
  lastUsedAt?: number;
}

/** What leaves the background for the popup: everything but the private key. */
export type PasskeyInfo = Omit<Passkey, "privateKey">;

export function passkeyInfo({ privateKey: _key, ...info }: Passkey): PasskeyInfo {
  return info;
}

function bytesOfLength(value: unknown, min: number, max: number): boolean {
  if (typeof value !== "string") return false;
  const bytes = fromBase64Url(value);
  return bytes !== null && bytes.length >= min && bytes.length <= max;
}

function text(value: unknown, max: number): value is string {
  return typeof value === "string" && value.length <= max;
}

function isPrivateKey(value: unknown): value is Es256PrivateKey {
  if (typeof value !== "object" || value === null) return false;
  const k = value as Record<string, unknown>;
  return bytesOfLength(k.d, 32, 32) && bytesOfLength(k.x, 32, 32) && bytesOfLength(k.y, 32, 32);
}

function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

export function isPasskey(value: unknown): value is Passkey {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    bytesOfLength(p.id, 16, 1023) &&
    text(p.rpId, 253) &&
    p.rpId !== "" &&
    text(p.rpName, 1000) &&
    bytesOfLength(p.userHandle, 1, 64) &&
    text(p.userName, 1000) &&
    text(p.userDisplayName, 1000) &&
    text(p.label, 200) &&
    isPrivateKey(p.privateKey) &&
    typeof p.signCount === "number" &&
    Number.isInteger(p.signCount) &&
    p.signCount >= 0 &&
    p.signCount <= 0xffff_ffff &&
    text(p.origin, 2000) &&
    isTime(p.createdAt) &&
    (p.lastUsedAt === undefined || isTime(p.lastUsedAt))
  );
}

/** The vault's passkeys (absent in vaults made before passkeys: none); throws on any malformed entry. */
export function parsePasskeys(value: unknown): Passkey[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isPasskey)) throw new Error("bad passkey entry");
  return value;
}

/** The name the popup and our window show. */
export function passkeyName(passkey: Pick<Passkey, "label" | "userName" | "userDisplayName">): string {
  return passkey.label || passkey.userDisplayName || passkey.userName;
}
