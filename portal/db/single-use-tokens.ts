// Single-use link records (e-mail confirmation, password reset): stored as SHA-256 of the token, usable while
// unused and unexpired, used up by one conditional UPDATE so that of two racing requests only one wins.
// email-verifications.ts and password-resets.ts keep what is particular to each kind.
import type { Kysely, Selectable } from "kysely";
import { changedOneRow } from "./changed-one-row";
import type { Database } from "./schema";

export type TokenTable = "email_verifications" | "password_resets";

/** The columns that mark a record used: the time, and a reset link's sealed token goes with it. */
function usedUp(table: TokenTable, at: number) {
  return table === "password_resets" ? { used_at: at, token_sealed: null } : { used_at: at };
}

/** A record that can still be used: known, unused, not expired. */
export function findUsableToken<T extends TokenTable>(
  db: Kysely<Database>,
  table: T,
  tokenHash: string,
  at: number,
): Promise<Selectable<Database[T]> | undefined> {
  return db
    .selectFrom(table as TokenTable)
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst() as Promise<Selectable<Database[T]> | undefined>;
}

/** Uses the record up; true only for the first of racing callers. */
export async function useToken(db: Kysely<Database>, table: TokenTable, tokenHash: string, at: number) {
  return changedOneRow(
    db
      .updateTable(table)
      .set(usedUp(table, at))
      .where("token_hash", "=", tokenHash)
      .where("used_at", "is", null),
  );
}

/** The member's unused records of this kind stop working (a new link replaces them). */
export async function expireMemberTokens(
  db: Kysely<Database>,
  table: TokenTable,
  memberId: string,
  at: number,
) {
  await db
    .updateTable(table)
    .set(usedUp(table, at))
    .where("member_id", "=", memberId)
    .where("used_at", "is", null)
    .execute();
}
