// The session middleware writes last_seen_at at most once a minute (no write on most requests), while the
// 30-minute idle limit stays strict: a session never outlives 30 idle minutes after its last write.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../../portal/app";
import { createSession, IDLE_TIMEOUT_MS, sessionCookieName } from "../../../../portal/auth/session";
import { createTestDeps, type TestDeps } from "../support/test-deps";

const bindings = {
  incoming: { socket: { remoteAddress: "127.0.0.1", remoteFamily: "IPv4", remotePort: 1 } },
};

let deps: TestDeps;
let token: string;
let sessionId: string;

beforeEach(async () => {
  deps = await createTestDeps();
  const at = deps.clock().getTime();
  await deps.db
    .insertInto("members")
    .values({
      id: "m-1",
      user_id: "touch01",
      name: "会員",
      birth_date: "1980-04-01",
      password_hash: "unused",
      password_is_initial: 0,
      email: "touch01@example.jp",
      pending_email: null,
      email_verified_at: at,
      birth_date_confirmed_at: at,
      terms_accepted_at: at,
      auth_method: "totp",
      password_changed_at: at,
      first_login_completed_at: at,
      locale: "ja",
      created_at: at,
      updated_at: at,
    })
    .execute();
  const created = await createSession(deps, "m-1", {
    level: "full",
    remember: false,
    userAgent: null,
    ip: null,
  });
  token = created.token;
  sessionId = created.row.id;
});

afterEach(() => deps.cleanup());

async function getTopPage(): Promise<number> {
  const app = createApp(deps);
  const headers = { cookie: `${sessionCookieName(deps)}=${token}` };
  const response = await app.fetch(new Request(`${deps.config.portalOrigin}/`, { headers }), bindings);
  await response.text();
  return response.status;
}

async function lastSeenAt(): Promise<number | undefined> {
  const row = await deps.db
    .selectFrom("sessions")
    .select("last_seen_at")
    .where("id", "=", sessionId)
    .executeTakeFirst();
  return row?.last_seen_at;
}

describe("last_seen_at writes", () => {
  it("skips the write within a minute of the last one and writes after it", async () => {
    const start = deps.clock().getTime();
    deps.advance(59_000);
    expect(await getTopPage()).toBe(200);
    expect(await lastSeenAt()).toBe(start);
    deps.advance(1_000);
    expect(await getTopPage()).toBe(200);
    expect(await lastSeenAt()).toBe(start + 60_000);
  });

  it("keeps a session used just under 30 minutes apart, and ends it at 30 idle minutes", async () => {
    const start = deps.clock().getTime();
    deps.advance(IDLE_TIMEOUT_MS - 1);
    expect(await getTopPage()).toBe(200);
    expect(await lastSeenAt()).toBe(start + IDLE_TIMEOUT_MS - 1);
    deps.advance(IDLE_TIMEOUT_MS);
    expect(await getTopPage()).toBe(303);
    expect(await lastSeenAt()).toBeUndefined();
  });

  it("counts idle time from the last write: a request that skipped it does not extend the session", async () => {
    deps.advance(30_000);
    expect(await getTopPage()).toBe(200); // no write: last_seen_at stays at sign-in
    deps.advance(IDLE_TIMEOUT_MS - 30_000);
    expect(await getTopPage()).toBe(303);
    expect(await lastSeenAt()).toBeUndefined();
  });
});
