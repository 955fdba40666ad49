// Single-use password reset links (1 h), stored as SHA-256 of the token, plus the token sealed with the secret
// box while the link is live, so that a repeated request re-sends the same link instead of replacing it.
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { expireMemberTokens, findUsableToken, useToken } from "./single-use-tokens";
import { inTransaction } from "./transaction";

export const RESET_LINK_LIFETIME_MS = 60 * 60_000;

/** A new link; the member's earlier unused links stop working. */
export async function insertPasswordReset(
  db: Kysely<Database>,
  row: { tokenHash: string; tokenSealed: string; memberId: string; at: number },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await expireMemberTokens(trx, "password_resets", row.memberId, row.at);
    await trx
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
  });
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
  return findUsableToken(db, "password_resets", tokenHash, at);
}

/**
 * The new password through a reset link, in one transaction: the link is used up (only by the first of two
 * racing requests: false for the other), the password replaced and every session of the member ended. A
 * member still in the first login keeps the first-login password step (password_changed_at stays).
 */
export async function resetPasswordWithLink(
  db: Kysely<Database>,
  input: { tokenHash: string; memberId: string; passwordHash: string; at: number },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    if (!(await useToken(trx, "password_resets", input.tokenHash, input.at))) return false;
    await trx
      .updateTable("members")
      .set({ password_hash: input.passwordHash, password_is_initial: 0, updated_at: input.at })
      .where("id", "=", input.memberId)
      .execute();
    await trx.deleteFrom("sessions").where("member_id", "=", input.memberId).execute();
    return true;
  });
}
