// Single-use password reset links (1 h), stored as SHA-256 of the token, plus the token sealed with the secret
// box while the link is live, so that a repeated request re-sends the same link instead of replacing it.
import type { Kysely } from "kysely";
import type { Database } from "./schema";

export const RESET_LINK_LIFETIME_MS = 60 * 60_000;

export async function insertPasswordReset(
  db: Kysely<Database>,
  row: { tokenHash: string; tokenSealed: string; memberId: string; at: number },
): Promise<void> {
  await db
    .updateTable("password_resets")
    .set({ used_at: row.at, token_sealed: null })
    .where("member_id", "=", row.memberId)
    .where("used_at", "is", null)
    .execute();
  await db
    .insertInto("password_resets")
    .values({
      token_hash: row.tokenHash,
      member_id: row.memberId,
      created_at: row.at,
      expires_at: row.at + RESET_LINK_LIFETIME_MS,
      used_at: null,
      token_sealed: row.tokenSealed,
    })
    .execute();
}

/** The member's live link with at least `minLifeMs` left (newest first), to re-send it. */
export function findLivePasswordReset(db: Kysely<Database>, memberId: string, at: number, minLifeMs: number) {
  return db
    .selectFrom("password_resets")
    .selectAll()
    .where("member_id", "=", memberId)
    .where("used_at", "is", null)
    .where("token_sealed", "is not", null)
    .where("expires_at", ">", at + minLifeMs)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export function findUsablePasswordReset(db: Kysely<Database>, tokenHash: string, at: number) {
  return db
    .selectFrom("password_resets")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
}

export async function markPasswordResetUsed(
  db: Pick<Kysely<Database>, "updateTable">,
  tokenHash: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable("password_resets")
    .set({ used_at: at, token_sealed: null })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
