// Many members at once for load and race tests: one Argon2id hash computed by the caller and shared (hashing
// each would take minutes on two cores). `setUp` members have finished the first login with the given method
// and a confirmed address `<userId>@example.jp`; the others are at its start (initial password).
import type { Kysely } from "kysely";
import { insertMember, type NewMemberInput, updateMember } from "../../../../portal/db/members";
import type { AuthMethod, Database, Member } from "../../../../portal/db/schema";

/** A member at the start of the first login, for a test to which its name, birth date and hash do not matter. */
export function insertPlainMember(
  db: Kysely<Database>,
  userId: string,
  at: number,
  fields: Partial<NewMemberInput> = {},
): Promise<Member> {
  return insertMember(db, { userId, name: "", birthDate: "1980-01-01", passwordHash: "x", at, ...fields });
}

export async function insertMembersWithHash(
  db: Kysely<Database>,
  userIds: readonly string[],
  passwordHash: string,
  setUp?: { method: AuthMethod },
): Promise<Member[]> {
  const at = Date.now();
  const members: Member[] = [];
  for (const userId of userIds) {
    const member = await insertPlainMember(db, userId, at, { birthDate: "1980-04-01", passwordHash });
    if (setUp) {
      await updateMember(db, member.id, {
        email: `${userId}@example.jp`,
        email_verified_at: at,
        birth_date_confirmed_at: at,
        terms_accepted_at: at,
        auth_method: setUp.method,
        password_is_initial: 0,
        password_changed_at: at,
        first_login_completed_at: at,
        updated_at: at,
      });
    }
    members.push(member);
  }
  return members;
}
