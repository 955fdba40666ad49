// What the security page does to either kind of second factor — a passkey or an app device — by the
// member who owns it: another member's id matches nothing.
import type { Kysely } from "kysely";
import type { Database } from "./schema";

export type FactorTable = "passkeys" | "totp_devices";

/** Renames the member's factor; false when the member has no such factor. */
export async function renameFactor(
  db: Kysely<Database>,
  table: FactorTable,
  owner: { memberId: string; id: string },
  name: string,
): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set({ name })
    .where("member_id", "=", owner.memberId)
    .where("id", "=", owner.id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes the member's factor; false when the member has no such factor. */
export async function deleteFactor(
  db: Kysely<Database>,
  table: FactorTable,
  owner: { memberId: string; id: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom(table)
    .where("member_id", "=", owner.memberId)
    .where("id", "=", owner.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
