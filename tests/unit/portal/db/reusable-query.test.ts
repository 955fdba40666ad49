// A query compiled once per database and run with new parameters gives what a freshly built query gives.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../../../portal/db/database";
import { findMemberById, insertMember } from "../../../../portal/db/members";
import { addNotice, listNotices } from "../../../../portal/db/notices";
import { reusableQuery } from "../../../../portal/db/reusable-query";
import { findSessionWithMember } from "../../../../portal/db/sessions";
import { POSTGRES_SERVER } from "../support/postgres";
import { createTestDeps, type TestDeps } from "../support/test-deps";

let deps: TestDeps;

beforeEach(async () => {
  deps = await createTestDeps();
});

afterEach(() => deps.cleanup());

/** Two members, as the operator's CLI adds them; their ids. */
async function twoMembers(): Promise<[string, string]> {
  const add = (userId: string) =>
    insertMember(deps.db, {
      userId,
      name: `会員 ${userId}`,
      birthDate: "1980-04-01",
      passwordHash: "unused",
      at: 1,
    });
  return [(await add("one")).id, (await add("two")).id];
}

describe("reusableQuery", () => {
  it("builds once per database and binds each call's named parameters", async () => {
    const [m1, m2] = await twoMembers();
    const build = vi.fn((db: typeof deps.db, param: <K extends "id">(name: K) => string) =>
      db.selectFrom("members").select("user_id").where("id", "=", param("id")),
    );
    const byId = reusableQuery<{ id: string }>()(build);
    expect(await byId(deps.db, { id: m1 })).toEqual([{ user_id: "one" }]);
    expect(await byId(deps.db, { id: m2 })).toEqual([{ user_id: "two" }]);
    expect(await byId(deps.db, { id: "none" })).toEqual([]);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it("binds a parameter used twice and parameters in any order", async () => {
    const [m1, m2] = await twoMembers();
    const either = reusableQuery<{ first: string; second: string }>()((db: typeof deps.db, param) =>
      db
        .selectFrom("members")
        .select("user_id")
        .where((eb) => eb.or([eb("id", "=", param("second")), eb("id", "=", param("first"))]))
        .orderBy("user_id"),
    );
    expect(await either(deps.db, { first: m1, second: m2 })).toEqual([
      { user_id: "one" },
      { user_id: "two" },
    ]);
    expect(await either(deps.db, { first: m2, second: "none" })).toEqual([{ user_id: "two" }]);
  });

  it("refuses a query with a value that is not a named parameter (it would be frozen at compile time)", async () => {
    const byId = reusableQuery<{ id: string }>()((db: typeof deps.db) =>
      db.selectFrom("members").selectAll().where("id", "=", "fixed"),
    );
    await expect(byId(deps.db, { id: "x" })).rejects.toThrow("is not a named parameter");
  });

  it("serves the hot lookups with the same rows as a freshly built query", async () => {
    const [m1, m2] = await twoMembers();
    for (const id of [m1, m2, "none"]) {
      const fresh = await deps.db.selectFrom("members").selectAll().where("id", "=", id).executeTakeFirst();
      expect(await findMemberById(deps.db, id)).toEqual(fresh);
    }
    for (const [id, memberId] of [
      ["s-1", m1],
      ["s-2", m2],
    ]) {
      await deps.db
        .insertInto("sessions")
        .values({
          id: id!,
          member_id: memberId!,
          level: "full",
          created_at: 10,
          last_seen_at: 20,
          expires_at: 30,
          remember: 1,
          user_agent: `agent ${id}`,
          ip: null,
        })
        .execute();
    }
    for (const id of ["s-1", "s-2", "none"]) {
      const session = await deps.db
        .selectFrom("sessions")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      const fresh = session && {
        session,
        member: await deps.db
          .selectFrom("members")
          .selectAll()
          .where("id", "=", session.member_id)
          .executeTakeFirst(),
      };
      expect(await findSessionWithMember(deps.db, id)).toStrictEqual(fresh);
    }
    for (let i = 0; i < 3; i++) await addNotice(deps.db, `お知らせ ${i}`, 1_000 + i);
    expect((await listNotices(deps.db, 2)).map((n) => n.body)).toEqual(["お知らせ 2", "お知らせ 1"]);
    expect((await listNotices(deps.db)).map((n) => n.body)).toEqual([
      "お知らせ 2",
      "お知らせ 1",
      "お知らせ 0",
    ]);
  });

  it("binds PostgreSQL's numbered parameters the same way (skipped if no server listens)", async () => {
    const db = openDatabase({ dataDir: "", databaseUrl: POSTGRES_SERVER });
    try {
      const echo = reusableQuery<{ v: number; w: string }>()((d: typeof db, param) =>
        d.selectNoFrom((eb) => [
          eb.cast<number>(eb.val(param("v")), "integer").as("v"),
          eb.val(param("w")).as("w"),
        ]),
      );
      try {
        expect(await echo(db, { v: 1, w: "a" })).toEqual([{ v: 1, w: "a" }]);
      } catch (error) {
        if ((error as { code?: string }).code === "ECONNREFUSED") return;
        throw error;
      }
      expect(await echo(db, { v: 2, w: "b" })).toEqual([{ v: 2, w: "b" }]);
    } finally {
      await db.destroy();
    }
  });
});
