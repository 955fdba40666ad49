// Notices shown on the top page; operators add them with `npm run members -- notice add <text>`.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { reusableQuery } from "./reusable-query";
import type { Database, Notice } from "./schema";

const latestNotices = reusableQuery((db: Kysely<Database>) =>
  db.selectFrom("notices").selectAll().orderBy("created_at", "desc").limit(1),
);

/** Read on every top page: compiled once (see reusable-query.ts). */
export function listNotices(db: Kysely<Database>, limit = 20): Promise<Notice[]> {
  return latestNotices(db, [limit]);
}

export async function addNotice(db: Kysely<Database>, body: string, at: number): Promise<Notice> {
  const notice = { id: randomUUID(), body, created_at: at };
  await db.insertInto("notices").values(notice).execute();
  return notice;
}
