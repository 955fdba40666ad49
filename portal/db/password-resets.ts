// Single-use password reset links (1 h), stored as SHA-256 of the token.
import type { Kysely } from "kysely";
import type { Database } from "./schema";

export const RESET_LINK_LIFETIME_MS = 60 * 60_000;

export async function insertPasswordReset(
  db: Kysely<Database>,
  row: { tokenHash: string; memberId: string; at: number },
): Promise<void> {
  await db
    .updateTable("password_resets")
    .set({ used_at: row.at })
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
    })
    .execute();
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
    .set({ used_at: at })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
