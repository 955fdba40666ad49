// Storage of TOTP devices and of the secret waiting on the set-up screen. Secrets arrive and leave sealed.
import type { Kysely } from "kysely";
import { changedOneRow } from "./changed-one-row";
import { listFactors } from "./factors";
import type { Database, TotpDevice } from "./schema";
import { inTransaction } from "./transaction";

export function listTotpDevices(db: Kysely<Database>, memberId: string): Promise<TotpDevice[]> {
  return listFactors(db, "totp_devices", memberId);
}

export async function insertTotpDevice(db: Kysely<Database>, device: TotpDevice): Promise<void> {
  await db.insertInto("totp_devices").values(device).execute();
}

/**
 * Records an accepted step only if it is newer than the stored one, in one statement: of two requests
 * racing with the same code, exactly one wins. Returns whether this call won.
 */
export async function claimTotpStep(
  db: Kysely<Database>,
  id: string,
  step: number,
  at: number,
): Promise<boolean> {
  return changedOneRow(
    db
      .updateTable("totp_devices")
      .set({ last_used_step: step, last_used_at: at })
      .where("id", "=", id)
      .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)])),
  );
}

export function findTotpEnrollment(db: Kysely<Database>, sessionId: string) {
  return db.selectFrom("totp_enrollments").selectAll().where("session_id", "=", sessionId).executeTakeFirst();
}

export async function saveTotpEnrollment(
  db: Kysely<Database>,
  row: {
    session_id: string;
    member_id: string;
    secret_sealed: string;
    created_at: number;
    expires_at: number;
  },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("totp_enrollments").where("session_id", "=", row.session_id).execute();
    await trx.insertInto("totp_enrollments").values(row).execute();
  });
}

export async function deleteTotpEnrollment(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom("totp_enrollments").where("session_id", "=", sessionId).execute();
}
