// Single-use e-mail confirmation links (24 h), stored as SHA-256 of the token.
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { expireMemberTokens, findUsableToken, useToken } from "./single-use-tokens";
import { inTransaction } from "./transaction";

export const EMAIL_LINK_LIFETIME_MS = 24 * 60 * 60_000;

export async function insertEmailVerification(
  db: Kysely<Database>,
  row: { tokenHash: string; memberId: string; email: string; at: number },
): Promise<void> {
  await db
    .insertInto("email_verifications")
    .values({
      token_hash: row.tokenHash,
      member_id: row.memberId,
      email: row.email,
      created_at: row.at,
      expires_at: row.at + EMAIL_LINK_LIFETIME_MS,
      used_at: null,
    })
    .execute();
}

/** A link that can still be used: known, unused, not expired. */
export function findUsableEmailVerification(db: Kysely<Database>, tokenHash: string, at: number) {
  return findUsableToken(db, "email_verifications", tokenHash, at);
}

export function latestEmailVerification(db: Kysely<Database>, memberId: string) {
  return db
    .selectFrom("email_verifications")
    .selectAll()
    .where("member_id", "=", memberId)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Opens the link, in one transaction: when it is still usable and this request used it up (of two racing
 * requests only one does), the member's address becomes the link's, confirmed now. Returns the used link.
 */
export async function confirmEmailWithLink(db: Kysely<Database>, tokenHash: string, at: number) {
  return inTransaction(db, async (trx) => {
    const link = await findUsableEmailVerification(trx, tokenHash, at);
    if (!link) return null;
    if (!(await useToken(trx, "email_verifications", tokenHash, at))) return null;
    await trx
      .updateTable("members")
      .set({ email: link.email, email_verified_at: at, pending_email: null, updated_at: at })
      .where("id", "=", link.member_id)
      .execute();
    return link;
  });
}

/** A new address or a resend invalidates the earlier links of this member. */
export async function expireMemberEmailVerifications(db: Kysely<Database>, memberId: string, at: number) {
  await expireMemberTokens(db, "email_verifications", memberId, at);
}
