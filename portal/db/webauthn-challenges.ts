// WebAuthn challenges: stored per binding (session or pre-sign-in cookie) and taken exactly once. How long a
// challenge lives is auth/passkey.ts's rule; it arrives here as an argument.
import type { Kysely } from "kysely";
import type { Database, WebauthnPurpose } from "./schema";
import { inTransaction } from "./transaction";

/** A page may hold a few ceremonies at once (autofill plus button); older ones beyond this are dropped. */
const MAX_OPEN_PER_BINDING = 5;

/** Stores a new challenge; challenges older than `lifetimeMs` (of anyone) are dropped on the way. */
export async function saveChallenge(
  db: Kysely<Database>,
  row: { challenge: string; binding: string; purpose: WebauthnPurpose; created_at: number },
  lifetimeMs: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom("webauthn_challenges")
      .where("created_at", "<=", row.created_at - lifetimeMs)
      .execute();
    const open = await trx
      .selectFrom("webauthn_challenges")
      .select("challenge")
      .where("binding", "=", row.binding)
      .orderBy("created_at", "desc")
      .execute();
    const stale = open.slice(MAX_OPEN_PER_BINDING - 1).map((r) => r.challenge);
    if (stale.length > 0)
      await trx.deleteFrom("webauthn_challenges").where("challenge", "in", stale).execute();
    await trx.insertInto("webauthn_challenges").values(row).execute();
  });
}

/**
 * Deletes the challenge; when this call deleted it and it was issued for this binding and purpose, returns
 * when it was created (the caller judges freshness), otherwise null. The delete is the claim: a second use of
 * the same challenge finds nothing.
 */
export async function takeChallenge(
  db: Kysely<Database>,
  input: { challenge: string; binding: string; purpose: WebauthnPurpose },
): Promise<number | null> {
  const row = await db
    .selectFrom("webauthn_challenges")
    .selectAll()
    .where("challenge", "=", input.challenge)
    .executeTakeFirst();
  if (!row) return null;
  const deleted = await db
    .deleteFrom("webauthn_challenges")
    .where("challenge", "=", input.challenge)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return null;
  return row.binding === input.binding && row.purpose === input.purpose ? Number(row.created_at) : null;
}
