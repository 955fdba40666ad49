// WebAuthn challenges: stored per binding (session or pre-sign-in cookie), taken exactly once, 5 minutes.
import type { Kysely } from "kysely";
import { CHALLENGE_TTL_MS, isChallengeFresh } from "../auth/passkey";
import type { Database } from "./schema";
import type { WebauthnChallengesTable } from "./second-factor-schema";

type Purpose = WebauthnChallengesTable["purpose"];
/** A page may hold a few ceremonies at once (autofill plus button); older ones beyond this are dropped. */
const MAX_OPEN_PER_BINDING = 5;

export async function saveChallenge(
  db: Kysely<Database>,
  row: { challenge: string; binding: string; purpose: Purpose; created_at: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("webauthn_challenges")
      .where("created_at", "<=", row.created_at - CHALLENGE_TTL_MS)
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
 * Deletes the challenge and reports whether it was there for this binding and purpose, and fresh. The
 * delete is the claim: a second use of the same challenge finds nothing.
 */
export async function takeChallenge(
  db: Kysely<Database>,
  input: { challenge: string; binding: string; purpose: Purpose; now: number },
): Promise<boolean> {
  const row = await db
    .selectFrom("webauthn_challenges")
    .selectAll()
    .where("challenge", "=", input.challenge)
    .executeTakeFirst();
  if (!row) return false;
  const deleted = await db
    .deleteFrom("webauthn_challenges")
    .where("challenge", "=", input.challenge)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return false;
  return (
    row.binding === input.binding &&
    row.purpose === input.purpose &&
    isChallengeFresh(Number(row.created_at), input.now)
  );
}
