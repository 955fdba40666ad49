// What the second step of every sign-in shares (app code, mail code, passkey, set-up sign-in): its throttle,
// recording a failure, and completing the sign-in (token rotation, full level).
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { Member } from "../db/schema";
import type { Deps } from "../deps";
import { recordProof } from "./reauthentication";
import { recordSecurityEvent } from "./security-events";
import { rotateSession } from "./session";
import { accountKey, checkThrottle, clientKey, clientRule, recordFailure } from "./throttle";
import { SECOND_FACTOR_SCOPE } from "./throttle-scopes";

export async function secondFactorAllowed(deps: Deps, member: Member, ip: string | null): Promise<boolean> {
  const [account, client] = await Promise.all([
    checkThrottle(deps, SECOND_FACTOR_SCOPE, accountKey(member.user_id)),
    checkThrottle(deps, SECOND_FACTOR_SCOPE, clientKey(ip)),
  ]);
  return account.allowed && client.allowed;
}

export async function recordSecondFactorFailure(
  deps: Deps,
  member: Member,
  ip: string | null,
  detail: string,
): Promise<void> {
  await recordFailure(deps, SECOND_FACTOR_SCOPE, accountKey(member.user_id));
  await recordFailure(deps, SECOND_FACTOR_SCOPE, clientKey(ip), clientRule);
  await recordSecurityEvent(deps, { memberId: member.id, type: "second-factor-failed", ip, detail });
}

/** Both factors passed: new token at full level, the moment remembered for re-auth, failures forgotten. */
export async function completeSignIn<E extends AppEnv>(c: Context<E>, detail: string): Promise<void> {
  const deps = c.var.deps;
  const session = c.var.session;
  if (!session) throw new Error("completeSignIn needs a session");
  const rotated = await rotateSession(c, { level: "full" });
  await recordProof(deps, {
    sessionId: rotated.id,
    member: session.member,
    scope: SECOND_FACTOR_SCOPE,
    event: "second-factor",
    ip: c.var.ip,
    detail,
  });
}
