// When the member last proved who they are in a session; the security page asks again after 5 minutes.
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { inTransaction } from "./transaction";

export async function recordAuthentication(
  db: Kysely<Database>,
  sessionId: string,
  at: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("recent_authentications").where("session_id", "=", sessionId).execute();
    await trx
      .insertInto("recent_authentications")
      .values({ session_id: sessionId, authenticated_at: at })
      .execute();
  });
}

export async function lastAuthenticationAt(db: Kysely<Database>, sessionId: string): Promise<number | null> {
  const row = await db
    .selectFrom("recent_authentications")
    .select("authenticated_at")
    .where("session_id", "=", sessionId)
    .executeTakeFirst();
  return row ? Number(row.authenticated_at) : null;
}
