// An account in the vault: the OTP parameters plus where it was enrolled and when.
// Decrypted data is authenticated by AES-GCM, but we still validate its shape once at this boundary.
import type { OtpParameters } from "../../shared/types";
import { parsePasskeys } from "../passkeys/passkey";
import type { VaultData } from "../vault/vault-store";

export interface Account extends OtpParameters {
  id: string;
  /** The origin of the tab the QR was scanned from (phishing resistance), if any. */
  origin?: string;
  createdAt: number;
}

export function newAccount(params: OtpParameters, origin: string | undefined, now = Date.now()): Account {
  return { ...params, id: crypto.randomUUID(), origin, createdAt: now };
}

function isAccount(value: unknown): value is Account {
  if (typeof value !== "object" || value === null) return false;
  const a = value as Record<string, unknown>;
  return (
    typeof a.id === "string" &&
    (a.type === "totp" || a.type === "hotp") &&
    typeof a.issuer === "string" &&
    typeof a.label === "string" &&
    typeof a.secret === "string" &&
    (a.algorithm === "SHA1" || a.algorithm === "SHA256" || a.algorithm === "SHA512") &&
    (a.digits === 6 || a.digits === 8) &&
    typeof a.period === "number" &&
    (a.origin === undefined || typeof a.origin === "string") &&
    typeof a.createdAt === "number"
  );
}

export function parseVaultData(value: unknown): VaultData {
  const { accounts, passkeys } = (value ?? {}) as { accounts?: unknown; passkeys?: unknown };
  if (!Array.isArray(accounts) || !accounts.every(isAccount)) throw new Error("bad vault data");
  return passkeys === undefined ? { accounts } : { accounts, passkeys: parsePasskeys(passkeys) };
}

/** Same secret and same issuer/label: the "scanned twice" case. */
export function isDuplicate(a: OtpParameters, b: OtpParameters): boolean {
  return a.secret === b.secret || (a.issuer === b.issuer && a.label === b.label);
}

/** Account without its secret: what content scripts or logs could ever see (nothing else leaves the vault). */
export function displayName(account: Pick<Account, "issuer" | "label">): string {
  return account.issuer ? `${account.issuer} (${account.label})` : account.label;
}
