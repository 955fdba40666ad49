// What the second step of every sign-in shares (app code, mail code, passkey, set-up sign-in): where its
// attempts count in the limiter (auth/limiter.ts), the event of a failure, and completing the sign-in (token
// rotation, full level, known device).
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { Member } from "../db/schema";
import type { Deps } from "../deps";
import { accountOrDeviceScope, rememberDevice } from "./known-device";
import { clientScope, type Flow, type LimiterScope } from "./limiter";
import { recordProof } from "./reauthentication";
import { recordSecurityEvent } from "./security-events";
import { rotateSession } from "./session";

/** Where a second-factor attempt counts: this member (or their known device) and the client. */
export function secondFactorScopes<E extends AppEnv>(
  c: Context<E>,
  flow: Flow,
  member: Member,
): LimiterScope[] {
  return [accountOrDeviceScope(c, flow, member), clientScope(flow, c.var.ip)];
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
export async function completeSignIn<E extends AppEnv>(c: Context<E>, detail: string): Promise<void> {
  const deps = c.var.deps;
  const session = c.var.session;
  if (!session) throw new Error("completeSignIn needs a session");
  const rotated = await rotateSession(c, { level: "full" });
  rememberDevice(c, session.member.id);
  await recordProof(deps, {
    sessionId: rotated.id,
    member: session.member,
    event: "second-factor",
    ip: c.var.ip,
    detail,
  });
}
