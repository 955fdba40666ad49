// Storage of passkeys (public keys, counters, names). Verification lives in auth/passkey.ts.
import type { Kysely } from "kysely";
import { changedOneRow } from "./changed-one-row";
import { listFactors } from "./factors";
import type { Database, Passkey } from "./schema";

export function listPasskeys(db: Kysely<Database>, memberId: string): Promise<Passkey[]> {
  return listFactors(db, "passkeys", memberId);
}

export function findPasskeyByCredentialId(db: Kysely<Database>, credentialId: string) {
  return db.selectFrom("passkeys").selectAll().where("credential_id", "=", credentialId).executeTakeFirst();
}

export async function insertPasskey(db: Kysely<Database>, passkey: Passkey): Promise<void> {
  await db.insertInto("passkeys").values(passkey).execute();
}

/** Stores the new counter only if it did not move meanwhile (two racing assertions: one wins). */
export function recordPasskeyUse(db: Kysely<Database>, passkey: Passkey, newCounter: number, at: number) {
  return changedOneRow(
    db
      .updateTable("passkeys")
      .set({ counter: newCounter, last_used_at: at })
      .where("id", "=", passkey.id)
      .where("counter", "=", passkey.counter),
  );
}
