// What the second-factor flows share: the secret box, the member's factors, who may enrol at sign-in,
// completing the sign-in (token rotation, full level), the limiter's scopes and the 5-minute re-auth rule.
import type { Context } from "hono";
import type { AppEnv, CurrentSession } from "../app-env";
import { accountOrDeviceScope, rememberDevice } from "../auth/known-device";
import { clientScope, type Flow, type LimiterScope } from "../auth/limiter";
import { createSecretBox, type SecretBox } from "../auth/secret-box";
import { recordSecurityEvent } from "../auth/security-events";
import { rotateSession } from "../auth/session";
import { listPasskeys } from "../db/passkeys";
import { lastAuthenticationAt, recordAuthentication } from "../db/recent-authentications";
import type { AuthMethod, Member } from "../db/schema";
import type { Passkey, TotpDevice } from "../db/second-factor-schema";
import { listTotpDevices } from "../db/totp-devices";
import type { Deps } from "../deps";
import { now } from "../deps";
import { type Locale, type MessageKey, t } from "../i18n";

export const REAUTH_WINDOW_MS = 5 * 60_000;

const boxes = new WeakMap<Buffer, SecretBox>();
export function secretBoxOf(deps: Deps): SecretBox {
  let box = boxes.get(deps.config.secretKey);
  if (!box) {
    box = createSecretBox(deps.config.secretKey);
    boxes.set(deps.config.secretKey, box);
  }
  return box;
}

export interface Factors {
  passkeys: Passkey[];
  totpDevices: TotpDevice[];
}

export async function factorsOf(deps: Deps, memberId: string): Promise<Factors> {
  const [passkeys, totpDevices] = await Promise.all([
    listPasskeys(deps.db, memberId),
    listTotpDevices(deps.db, memberId),
  ]);
  return { passkeys, totpDevices };
}

/** Methods the member can verify with right now (mail only when chosen and the address is confirmed). */
export function usableMethods(member: Member, factors: Factors): AuthMethod[] {
  const methods: AuthMethod[] = [];
  if (factors.passkeys.length > 0) methods.push("passkey");
  if (factors.totpDevices.length > 0) methods.push("totp");
  if (member.auth_method === "mail" && member.email && member.email_verified_at !== null)
    methods.push("mail");
  return methods;
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

/** A signed-in member who re-entered the password (or signed in) within the last 5 minutes. */
export async function hasRecentAuthentication(deps: Deps, session: CurrentSession | null): Promise<boolean> {
  if (session?.level !== "full") return false;
  const at = await lastAuthenticationAt(deps.db, session.id);
  return at !== null && now(deps) - at < REAUTH_WINDOW_MS;
}

/** Where a second-factor attempt counts (auth/limiter.ts): this member (or their known device) and the client. */
export function secondFactorScopes(c: Context<AppEnv>, flow: Flow, member: Member): LimiterScope[] {
  return [accountOrDeviceScope(c, flow, member), clientScope(flow, c.get("ip"))];
}

/** The event log says which attempts were judged (`<method>-<reason>`) and which were throttled. */
export async function recordSecondFactorFailure(
  deps: Deps,
  member: Member,
  ip: string | null,
  detail: string,
): Promise<void> {
  await recordSecurityEvent(deps, { memberId: member.id, type: "second-factor-failed", ip, detail });
}

/**
 * Both factors passed: new token at full level, this browser becomes a known device of the member (only a
 * full sign-in makes one: the password alone would hand one to whoever guessed or stole it), the moment
 * remembered for re-auth.
 */
export async function completeSignIn(c: Context<AppEnv>, deps: Deps, detail: string): Promise<void> {
  const session = c.get("session");
  if (!session) throw new Error("completeSignIn needs a session");
  await rotateSession(c, deps, { level: "full" });
  rememberDevice(c, session.member.id);
  const rotated = c.get("session");
  if (rotated) await recordAuthentication(deps.db, rotated.id, now(deps));
  await recordSecurityEvent(deps, {
    memberId: session.member.id,
    type: "second-factor",
    ip: c.get("ip"),
    detail,
  });
}

export function methodLabel(locale: Locale, method: AuthMethod): string {
  const keys: Record<AuthMethod, MessageKey> = {
    passkey: "method.passkey",
    totp: "method.totp",
    mail: "method.mail",
  };
  return t(locale, keys[method]);
}
