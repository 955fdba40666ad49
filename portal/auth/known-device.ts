// A browser where the member completed a sign-in (both factors) before carries a device cookie (OWASP "device cookies"): its
// attempts count against that device, not the account's limiter, so guesses from everywhere else that block
// the account do not lock the member out. The cookie is a random device ID with a MAC over member and ID
// (secret box key): it cannot be forged, and it only helps for the member it was issued to.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import type { Deps } from "../deps";
import { accountScope, deviceScope, type Flow, type LimiterScope } from "./limiter";
import { createSecretBox } from "./secret-box";
import { constantTimeEqual, isWellFormedToken, randomToken } from "./tokens";

const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 60 * 60;

function cookieName(deps: Pick<Deps, "config">): string {
  return deps.config.secureCookies ? "__Host-kosmo_device" : "kosmo_device";
}

function macOf(deps: Pick<Deps, "config">, memberId: string, deviceId: string): string {
  return createSecretBox(deps.config.secretKey).mac("known-device", `${memberId}:${deviceId}`);
}

/** This browser's device ID if its cookie was issued to `memberId`, else null. */
export function knownDeviceOf(c: Context<AppEnv>, memberId: string): string | null {
  const deps = c.get("deps");
  const [deviceId, mac, extra] = (getCookie(c, cookieName(deps)) ?? "").split(".");
  if (!isWellFormedToken(deviceId) || !mac || extra !== undefined) return null;
  return constantTimeEqual(mac, macOf(deps, memberId, deviceId)) ? deviceId : null;
}

/** After a full sign-in (both factors): keep (or issue) this browser's device cookie for the member. */
export function rememberDevice(c: Context<AppEnv>, memberId: string): void {
  if (knownDeviceOf(c, memberId)) return;
  const deps = c.get("deps");
  const deviceId = randomToken();
  setCookie(c, cookieName(deps), `${deviceId}.${macOf(deps, memberId, deviceId)}`, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: deps.config.secureCookies,
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
}

/** The member's own count on a known device, else the account's (user ID as typed, or the member). */
export function accountOrDeviceScope(
  c: Context<AppEnv>,
  flow: Flow,
  member: { id: string; user_id: string } | undefined,
  typedUserId?: string,
): LimiterScope {
  const deviceId = member ? knownDeviceOf(c, member.id) : null;
  if (member && deviceId) return deviceScope(flow, member.id, deviceId);
  return accountScope(flow, member?.user_id ?? typedUserId ?? "");
}
