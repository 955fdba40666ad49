// Session rows. The id is the SHA-256 of the cookie token (see auth/session.ts for the rules).
import type { Kysely } from "kysely";
import { reusableInsert, reusableQuery } from "./reusable-query";
import type { Database, Member, SessionRow } from "./schema";
import { inTransaction } from "./transaction";

const SESSION_COLUMNS = [
  "id",
  "member_id",
  "level",
  "created_at",
  "last_seen_at",
  "expires_at",
  "remember",
  "user_agent",
  "ip",
] as const;
const sessionInsert = reusableInsert<SessionRow>()("sessions", SESSION_COLUMNS);

/** Every sign-in and step up: compiled once. */
export function insertSession(db: Kysely<Database>, row: SessionRow): Promise<unknown> {
  return sessionInsert(db, row);
}

const sessionWithMember = reusableQuery<{ id: string }>()((db: Kysely<Database>, param) =>
  db
    .selectFrom("sessions")
    .innerJoin("members", "members.id", "sessions.member_id")
    .select([
      "sessions.id as session_id",
      "sessions.member_id as session_member_id",
      "sessions.level as session_level",
      "sessions.created_at as session_created_at",
      "sessions.last_seen_at as session_last_seen_at",
      "sessions.expires_at as session_expires_at",
      "sessions.remember as session_remember",
      "sessions.user_agent as session_user_agent",
      "sessions.ip as session_ip",
    ])
    .selectAll("members")
    .where("sessions.id", "=", param("id")),
);

/**
 * Read on every request that carries a session cookie: the session row and its member in one query, compiled
 * once (see reusable-query.ts) — one statement instead of two. The row is returned as stored, whatever its
 * age: the caller decides whether it is still alive. (A session cannot outlive its member: the foreign key
 * deletes it with the member.)
 */
export async function findSessionWithMember(
  db: Kysely<Database>,
  id: string,
): Promise<{ session: SessionRow; member: Member } | undefined> {
  const row = (await sessionWithMember(db, { id }))[0];
  if (!row) return undefined;
  // Built field by field: an object rest (`...member`) of this row costs more than the second query saved.
  const session: SessionRow = {
    id: row.session_id,
    member_id: row.session_member_id,
    level: row.session_level,
    created_at: row.session_created_at,
    last_seen_at: row.session_last_seen_at,
    expires_at: row.session_expires_at,
    remember: row.session_remember,
    user_agent: row.session_user_agent,
    ip: row.session_ip,
  };
  const member: Member = {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    birth_date: row.birth_date,
    password_hash: row.password_hash,
    password_is_initial: row.password_is_initial,
    email: row.email,
    pending_email: row.pending_email,
    email_verified_at: row.email_verified_at,
    birth_date_confirmed_at: row.birth_date_confirmed_at,
    terms_accepted_at: row.terms_accepted_at,
    auth_method: row.auth_method,
    password_changed_at: row.password_changed_at,
    first_login_completed_at: row.first_login_completed_at,
    locale: row.locale,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  return { session, member };
}

/** The step up to a new token: the old row goes and the new one comes in one transaction. */
export async function replaceSession(db: Kysely<Database>, oldId: string, row: SessionRow): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("sessions").where("id", "=", oldId).execute();
    await trx.insertInto("sessions").values(row).execute();
  });
}

export function touchSession(db: Kysely<Database>, id: string, at: number): Promise<unknown> {
  return db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute();
}

export function deleteSession(db: Kysely<Database>, id: string): Promise<unknown> {
  return db.deleteFrom("sessions").where("id", "=", id).execute();
}

export function deleteMemberSessions(
  db: Kysely<Database>,
  memberId: string,
  exceptId: string | null = null,
): Promise<unknown> {
  let query = db.deleteFrom("sessions").where("member_id", "=", memberId);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return query.execute();
}

export function listMemberSessions(db: Kysely<Database>, memberId: string): Promise<SessionRow[]> {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("member_id", "=", memberId)
    .orderBy("last_seen_at", "desc")
    .execute();
}

/** One session of this member (the security page's ログアウトさせる); another member's id matches nothing. */
export function deleteMemberSession(db: Kysely<Database>, memberId: string, id: string): Promise<unknown> {
  return db.deleteFrom("sessions").where("member_id", "=", memberId).where("id", "=", id).execute();
}
