// Single-use e-mail confirmation links (24 h), stored as SHA-256 of the token.
import type { Kysely } from "kysely";
import type { Database } from "./schema";

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
  return db
    .selectFrom("email_verifications")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
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

/** Consumes the link; returns false when another request used it first. */
export async function markEmailVerificationUsed(
  db: Pick<Kysely<Database>, "updateTable">,
  tokenHash: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable("email_verifications")
    .set({ used_at: at })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new address or a resend invalidates the earlier links of this member. */
export async function expireMemberEmailVerifications(db: Kysely<Database>, memberId: string, at: number) {
  await db
    .updateTable("email_verifications")
    .set({ used_at: at })
    .where("member_id", "=", memberId)
    .where("used_at", "is", null)
    .execute();
}
