// An audit trail per member (sign-ins, failures, changes): which events exist and how one is recorded.
// Stored by db/security-events.ts; shown to operators by the CLI and to members by the security page.
import { randomUUID } from "node:crypto";
import { insertSecurityEvent } from "../db/security-events";
import type { Deps } from "../deps";
import { now } from "../deps";

/** Every event the portal records; each has a label `event.<type>` in the catalogues (checked by the compiler). */
export const SECURITY_EVENT_TYPES = [
  "sign-in",
  "sign-in-failed",
  "sign-out",
  "birth-date-failed",
  "terms-accepted",
  "email-verified",
  "method-chosen",
  "password-changed",
  "password-reset-requested",
  "password-reset",
  "first-login-completed",
  "first-login-reset",
  "second-factor",
  "second-factor-failed",
  "factor-added",
  "factor-removed",
  "factor-renamed",
  "method-changed",
  "sessions-ended",
  "reauthenticated",
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export function isSecurityEventType(value: string): value is SecurityEventType {
  return (SECURITY_EVENT_TYPES as readonly string[]).includes(value);
}

export async function recordSecurityEvent(
  deps: Pick<Deps, "db" | "clock">,
  event: { memberId: string; type: SecurityEventType; ip?: string | null; detail?: string | null },
): Promise<void> {
  await insertSecurityEvent(deps.db, {
    id: randomUUID(),
    member_id: event.memberId,
    type: event.type,
    ip: event.ip?.slice(0, 64) ?? null,
    detail: event.detail?.slice(0, 1000) ?? null,
    created_at: now(deps),
  });
}
