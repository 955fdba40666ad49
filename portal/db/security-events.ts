// The security event log (sign-ins, failures, changes): the CLI shows it to operators, the security page to
// members. Which events exist is auth/security-events.ts's.
import type { Kysely } from "kysely";
import type { Database, SecurityEvent } from "./schema";

export async function insertSecurityEvent(db: Kysely<Database>, event: SecurityEvent): Promise<void> {
  await db.insertInto("security_events").values(event).execute();
}

/** The member's events, newest first. */
export function listSecurityEvents(
  db: Kysely<Database>,
  memberId: string,
  limit = 50,
): Promise<SecurityEvent[]> {
  return db
    .selectFrom("security_events")
    .selectAll()
    .where("member_id", "=", memberId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}
