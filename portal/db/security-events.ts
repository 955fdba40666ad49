// The security event log (sign-ins, failures, changes): the CLI shows it to operators, the security page to
// members. Which events exist is auth/security-events.ts's.
import type { Kysely } from "kysely";
import { reusableInsert } from "./reusable-query";
import type { Database, SecurityEvent } from "./schema";

const EVENT_COLUMNS = ["id", "member_id", "type", "ip", "detail", "created_at"] as const;
const eventInsert = reusableInsert<SecurityEvent>()("security_events", EVENT_COLUMNS);

/** Every sign-in and failure records one: compiled once. */
export async function insertSecurityEvent(db: Kysely<Database>, event: SecurityEvent): Promise<void> {
  await eventInsert(db, event);
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
