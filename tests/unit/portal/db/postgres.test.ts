// The same migrations and storage functions on PostgreSQL (postgres://127.0.0.1:5432/test), in a schema of
// its own that is dropped afterwards, so reruns start clean.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountScope, FLOWS, isBlocked, takeAttempt } from "../../../../portal/auth/limiter";
import { recordSecurityEvent } from "../../../../portal/auth/security-events";
import { openDatabase } from "../../../../portal/db/database";
import {
  findMemberByUserId,
  insertMember,
  listMembers,
  resetFirstLogin,
  updateMember,
} from "../../../../portal/db/members";
import { migrateToLatest } from "../../../../portal/db/migrate";
import { listSecurityEvents } from "../../../../portal/db/security-events";
import type { Deps } from "../../../../portal/deps";
import { type EmptySchema, emptySchema } from "../support/postgres";
import { createTestDeps, type TestDeps } from "../support/test-deps";

let pg: EmptySchema | null = null;
let deps: TestDeps;

beforeAll(async () => {
  pg = await emptySchema();
  if (!pg) return;
  deps = await createTestDeps();
  await deps.db.destroy();
  deps.db = openDatabase({ dataDir: deps.config.dataDir, databaseUrl: pg.url });
});

afterAll(async () => {
  await deps?.cleanup();
  await pg?.drop();
});

describe("PostgreSQL", () => {
  it("runs the migrations (twice, idempotently) and round-trips a member", async (context) => {
    if (!pg) return context.skip();
    await migrateToLatest(deps.db);
    await migrateToLatest(deps.db);
    const tables = await pg.admin.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
      [pg.schema],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["members", "sessions", "attempts", "recovery_mails"]),
    );

    const at = deps.clock().getTime();
    const created = await insertMember(deps.db, {
      userId: "PgMember",
      name: "ポスグレ 花子",
      birthDate: "1980-04-01",
      passwordHash: "$argon2id$x",
      at,
    });
    await updateMember(deps.db, created.id, {
      email: "pg@example.jp",
      email_verified_at: at + 1,
      updated_at: at + 1,
    });
    const found = await findMemberByUserId(deps.db, "pgmember");
    expect(found).toMatchObject({
      user_id: "pgmember",
      name: "ポスグレ 花子",
      email: "pg@example.jp",
      email_verified_at: at + 1,
    });
    expect(typeof found?.created_at).toBe("number"); // bigint columns read back as numbers
    expect(await listMembers(deps.db)).toHaveLength(1);

    await recordSecurityEvent(deps as Deps, { memberId: created.id, type: "sign-in", ip: "127.0.0.1" });
    expect((await listSecurityEvents(deps.db, created.id))[0]?.type).toBe("sign-in");
    const scope = accountScope(FLOWS.password, "pgmember");
    for (let i = 0; i < 5; i++) await takeAttempt(deps, [scope]);
    expect(await isBlocked(deps, [scope])).toBe(true);

    await resetFirstLogin(deps.db, created.id, "$argon2id$y", at + 2);
    expect((await findMemberByUserId(deps.db, "pgmember"))?.email).toBeNull();
  });
});
