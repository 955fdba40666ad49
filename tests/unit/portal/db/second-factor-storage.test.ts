// The storage rules that make codes and challenges single use, on SQLite (in memory) and on PostgreSQL
// (postgres://127.0.0.1:5432/test, a schema of its own, dropped afterwards; skipped if no server listens).
import { randomBytes } from "node:crypto";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueMailOtp } from "../../../../portal/auth/mail-otp";
import { CHALLENGE_TTL_MS, newChallenge } from "../../../../portal/auth/passkey";
import { createSecretBox } from "../../../../portal/auth/secret-box";
import { consumeMailOtp, findMailOtp, saveMailOtp, takeMailOtpTry } from "../../../../portal/db/mail-otp";
import { insertMember, resetFirstLogin } from "../../../../portal/db/members";
import { migrateToLatest } from "../../../../portal/db/migrate";
import type { Database } from "../../../../portal/db/schema";
import { claimTotpStep, insertTotpDevice, saveTotpEnrollment } from "../../../../portal/db/totp-devices";
import { saveChallenge, takeChallenge } from "../../../../portal/db/webauthn-challenges";

const t0 = 1_700_000_000_000;
const pgServer =
  process.env.TEST_DATABASE_URL ??
  `postgres://${process.env.PGUSER ?? process.env.USER ?? "postgres"}@127.0.0.1:5432/test`;

async function openSqlite(): Promise<{ db: Kysely<Database>; drop(): Promise<void> }> {
  const sqlite = new SQLite(":memory:");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, drop: () => db.destroy() };
}

async function openPostgres(): Promise<{ db: Kysely<Database>; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: pgServer });
  try {
    await admin.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== "ECONNREFUSED") throw error;
    return null;
  }
  const schema = `kosmo_sf_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({
    connectionString: `${pgServer}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === 20 ? Number : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    async drop() {
      await db.destroy();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

describe.each([
  ["SQLite", openSqlite],
  ["PostgreSQL", openPostgres],
] as const)("on %s", (_name, open) => {
  let db: Kysely<Database>;
  let drop: () => Promise<void> = async () => {};
  let m1: string;
  /** A TOTP device of member m1 that has not been used yet. */
  const unusedDevice = (id: string) => ({
    id,
    member_id: m1,
    name: "phone",
    secret_sealed: "x",
    last_used_step: null,
    created_at: t0,
    last_used_at: null,
  });

  beforeEach(async (context) => {
    const opened = await open();
    if (!opened) {
      context.skip();
      return;
    }
    db = opened.db;
    drop = opened.drop;
    await migrateToLatest(db);
    m1 = (
      await insertMember(db, {
        userId: "K0001",
        name: "山田 太郎",
        birthDate: "1980-01-01",
        passwordHash: "x",
        at: t0,
      })
    ).id;
    await db
      .insertInto("sessions")
      .values({
        id: "s1",
        member_id: m1,
        level: "password",
        created_at: t0,
        last_seen_at: t0,
        expires_at: t0 + 3_600_000,
        remember: 0,
        user_agent: null,
        ip: null,
      })
      .execute();
  });
  afterEach(async () => {
    await drop();
    drop = async () => {};
  });

  describe("WebAuthn challenges", () => {
    it("are single use", async () => {
      const challenge = newChallenge();
      await saveChallenge(db, { challenge, binding: "session:s1", purpose: "register", created_at: t0 });
      const take = () =>
        takeChallenge(db, { challenge, binding: "session:s1", purpose: "register", now: t0 + 1000 });
      expect(await take()).toBe(true);
      expect(await take()).toBe(false);
    });

    it("are bound to their session and purpose, and expire after 5 minutes", async () => {
      const a = newChallenge();
      const b = newChallenge();
      const c = newChallenge();
      for (const challenge of [a, b, c]) {
        await saveChallenge(db, { challenge, binding: "session:s1", purpose: "register", created_at: t0 });
      }
      expect(
        await takeChallenge(db, { challenge: a, binding: "session:s2", purpose: "register", now: t0 }),
      ).toBe(false);
      expect(
        await takeChallenge(db, { challenge: b, binding: "session:s1", purpose: "passwordless", now: t0 }),
      ).toBe(false);
      expect(
        await takeChallenge(db, {
          challenge: c,
          binding: "session:s1",
          purpose: "register",
          now: t0 + CHALLENGE_TTL_MS,
        }),
      ).toBe(false);
      // A refused attempt still burns the challenge.
      expect(
        await takeChallenge(db, { challenge: a, binding: "session:s1", purpose: "register", now: t0 }),
      ).toBe(false);
    });

    it("keep at most five open per binding", async () => {
      const challenges = Array.from({ length: 7 }, newChallenge);
      for (const [i, challenge] of challenges.entries()) {
        await saveChallenge(db, { challenge, binding: "pre:x", purpose: "passwordless", created_at: t0 + i });
      }
      const take = (challenge: string) =>
        takeChallenge(db, { challenge, binding: "pre:x", purpose: "passwordless", now: t0 + 10 });
      expect(await take(challenges[0]!)).toBe(false);
      expect(await take(challenges[6]!)).toBe(true);
    });
  });

  describe("TOTP steps", () => {
    it("are claimed once, and never an older one", async () => {
      await insertTotpDevice(db, unusedDevice("d1"));
      expect(await claimTotpStep(db, "d1", 100, t0)).toBe(true);
      expect(await claimTotpStep(db, "d1", 100, t0)).toBe(false);
      expect(await claimTotpStep(db, "d1", 99, t0)).toBe(false);
      expect(await claimTotpStep(db, "d1", 101, t0)).toBe(true);
    });
  });

  describe("first-login reset", () => {
    it("removes the member's second factors and app enrolments with the sessions", async () => {
      await insertTotpDevice(db, unusedDevice("d2"));
      await saveTotpEnrollment(db, {
        session_id: "s1",
        member_id: m1,
        secret_sealed: "x",
        created_at: t0,
        expires_at: t0 + 60_000,
      });
      await resetFirstLogin(db, m1, "$argon2id$new", t0 + 1);
      expect(await db.selectFrom("totp_devices").selectAll().execute()).toEqual([]);
      expect(await db.selectFrom("totp_enrollments").selectAll().execute()).toEqual([]);
      expect(await db.selectFrom("sessions").selectAll().execute()).toEqual([]);
    });
  });

  describe("mail codes", () => {
    it("give at most five tries, each taken before the comparison, even at once, and are consumed once", async () => {
      const box = createSecretBox(Buffer.alloc(32, 2));
      await saveMailOtp(db, m1, issueMailOtp(box, "s1", t0).record);
      const take = () => takeMailOtpTry(db, { sessionId: "s1", at: t0, maxTries: 5 });
      const tries = await Promise.all(Array.from({ length: 20 }, take));
      expect(
        tries
          .filter((row) => row !== undefined)
          .map((row) => Number(row?.wrong_tries))
          .sort(),
      ).toEqual([1, 2, 3, 4, 5]);
      expect((await findMailOtp(db, "s1"))?.wrong_tries).toBe(5);
      expect(await consumeMailOtp(db, "s1", t0)).toBe(true);
      expect(await consumeMailOtp(db, "s1", t0)).toBe(false);
    });

    it("disappear with their sign-in attempt", async () => {
      const box = createSecretBox(Buffer.alloc(32, 2));
      await saveMailOtp(db, m1, issueMailOtp(box, "s1", t0).record);
      await db.deleteFrom("sessions").where("id", "=", "s1").execute();
      expect(await findMailOtp(db, "s1")).toBeUndefined();
    });
  });
});
