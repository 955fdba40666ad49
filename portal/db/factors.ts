// What the security page does to either kind of second factor — a passkey or an app device — by the
// member who owns it: another member's id matches nothing.
import type { Kysely, Selectable } from "kysely";
import { changedOneRow } from "./changed-one-row";
import type { Database } from "./schema";

export type FactorTable = "passkeys" | "totp_devices";

/** The member's factors of one kind, oldest first (the order the security page lists them in). */
export function listFactors<T extends FactorTable>(
  db: Kysely<Database>,
  table: T,
  memberId: string,
): Promise<Selectable<Database[T]>[]> {
  return db
    .selectFrom(table as FactorTable)
    .selectAll()
    .where("member_id", "=", memberId)
    .orderBy("created_at")
    .execute() as Promise<Selectable<Database[T]>[]>;
}

/** Renames the member's factor; false when the member has no such factor. */
export async function renameFactor(
  db: Kysely<Database>,
  table: FactorTable,
  owner: { memberId: string; id: string },
  name: string,
): Promise<boolean> {
  return changedOneRow(
    db.updateTable(table).set({ name }).where("member_id", "=", owner.memberId).where("id", "=", owner.id),
  );
}

/** Removes the member's factor; false when the member has no such factor. */
export async function deleteFactor(
  db: Kysely<Database>,
  table: FactorTable,
  owner: { memberId: string; id: string },
): Promise<boolean> {
  return changedOneRow(
    db.deleteFrom(table).where("member_id", "=", owner.memberId).where("id", "=", owner.id),
  );
}
