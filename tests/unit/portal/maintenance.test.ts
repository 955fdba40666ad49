import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountScope, FLOWS, takeAttempt } from "../../../portal/auth/limiter";
import { purgeExpired } from "../../../portal/maintenance";
import { insertPlainMember } from "./support/members";
import { createTestDeps, type TestDeps } from "./support/test-deps";

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.cleanup();
});

describe("housekeeping", () => {
  it("drops dead sessions and forgotten limiter entries, keeps live ones", async () => {
    const at = deps.clock().getTime();
    const member = await insertPlainMember(deps.db, "keep", at);
    const session = (id: string, lastSeen: number, expires: number, remember: number) => ({
      id,
      member_id: member.id,
      level: "password" as const,
      created_at: at - 1000,
      last_seen_at: lastSeen,
      expires_at: expires,
      remember,
      user_agent: null,
      ip: null,
    });
    await deps.db
      .insertInto("sessions")
      .values([
        session("live", at, at + 60_000, 0),
        session("idle", at - 31 * 60_000, at + 60_000, 0),
        session("remembered", at - 31 * 60_000, at + 60_000, 1),
        session("expired", at, at, 0),
      ])
      .execute();
    await takeAttempt(deps, [accountScope(FLOWS.password, "old")]);
    deps.advance(12 * 60 * 60_000 + 1);
    await takeAttempt(deps, [accountScope(FLOWS.password, "recent")]);
    deps.advance(1);
    await purgeExpired({ db: deps.db, clock: () => new Date(at) });
    expect(
      (await deps.db.selectFrom("sessions").select("id").orderBy("id").execute()).map((r) => r.id),
    ).toEqual(["live", "remembered"]);
    await purgeExpired(deps);
    expect((await deps.db.selectFrom("attempts").select("key").execute()).map((r) => r.key)).toEqual([
      "account:recent",
    ]);
  });
});
