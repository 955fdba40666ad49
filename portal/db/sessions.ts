// Session rows. The id is the SHA-256 of the cookie token (see auth/session.ts for the rules).
import type { Kysely } from "kysely";
import { reusableQuery } from "./reusable-query";
import type { Database, SessionRow } from "./schema";

export function insertSession(db: Kysely<Database>, row: SessionRow): Promise<unknown> {
  return db.insertInto("sessions").values(row).execute();
}

const sessionById = reusableQuery((db: Kysely<Database>) =>
  db.selectFrom("sessions").selectAll().where("id", "=", ""),
);

/** Read on every request that carries a session cookie: compiled once (see reusable-query.ts). */
export async function findSession(db: Kysely<Database>, id: string): Promise<SessionRow | undefined> {
  return (await sessionById(db, [id]))[0];
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
