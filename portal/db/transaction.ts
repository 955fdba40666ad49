// One unit of work: a storage function that must be all-or-nothing runs in a transaction, or inside the
// caller's when it is already in one (so a flow can join a change and the mail it needs in one commit).
import type { Kysely } from "kysely";
import type { Database } from "./schema";

export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
