// Notices shown on the top page; operators add them with `npm run members -- notice add <text>`.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, Notice } from "./schema";

export function listNotices(db: Kysely<Database>, limit = 20): Promise<Notice[]> {
  return db.selectFrom("notices").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}

export async function addNotice(db: Kysely<Database>, body: string, at: number): Promise<Notice> {
  const notice = { id: randomUUID(), body, created_at: at };
  await db.insertInto("notices").values(notice).execute();
  return notice;
}
