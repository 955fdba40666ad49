// A member's second factors and what they allow: which methods can verify a sign-in now, which the member
// may switch to, and who may enrol a first factor at the set-up sign-in.
import type { CurrentSession } from "../app-env";
import { listPasskeys } from "../db/passkeys";
import type { AuthMethod, Member, Passkey, TotpDevice } from "../db/schema";
import { listTotpDevices } from "../db/totp-devices";
import type { Deps } from "../deps";

/** The verification methods of manual section 2 (views and the catalogues use this name, not the table's). */
export type { AuthMethod };

export interface Factors {
  passkeys: Passkey[];
  totpDevices: TotpDevice[];
}

export async function factorsOf(deps: Pick<Deps, "db">, memberId: string): Promise<Factors> {
  const [passkeys, totpDevices] = await Promise.all([
    listPasskeys(deps.db, memberId),
    listTotpDevices(deps.db, memberId),
  ]);
  return { passkeys, totpDevices };
}

export async function hasPasskey(deps: Pick<Deps, "db">, memberId: string): Promise<boolean> {
  return (await listPasskeys(deps.db, memberId)).length > 0;
}

/** Methods set up for the member — the ones the security page offers to switch to: a passkey or app
 * registered, or a confirmed address for mail. */
export function switchableMethods(member: Member, factors: Factors): AuthMethod[] {
  const methods: AuthMethod[] = [];
  if (factors.passkeys.length > 0) methods.push("passkey");
  if (factors.totpDevices.length > 0) methods.push("totp");
  if (member.email && member.email_verified_at !== null) methods.push("mail");
  return methods;
}

/** Methods the member can verify a sign-in with right now: those set up, mail only when it is the choice. */
export function usableMethods(member: Member, factors: Factors): AuthMethod[] {
  return switchableMethods(member, factors).filter((m) => m !== "mail" || member.auth_method === "mail");
}

/**
 * A password-level session may enrol a factor only while the member has none at all (the set-up sign-in of
 * manual section 2); otherwise the password alone would let anyone add their own factor.
 */
export function mayEnrollAtSignIn(
  session: CurrentSession | null,
  method: AuthMethod,
  factors: Factors,
): boolean {
  if (session?.level !== "password") return false;
  const member = session.member;
  if (member.first_login_completed_at === null || member.auth_method !== method) return false;
  return usableMethods(member, factors).length === 0;
}
