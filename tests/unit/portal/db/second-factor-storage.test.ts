// The storage rules that make codes and challenges single use, on SQLite (in memory) and on PostgreSQL
// (postgres://127.0.0.1:5432/test, a schema of its own, dropped afterwards; skipped if no server listens).
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueMailOtp, MAIL_OTP_MAX_WRONG_TRIES, mailOtpRowOf } from "../../../../portal/auth/mail-otp";
import { CHALLENGE_TTL_MS, isChallengeFresh, newChallenge } from "../../../../portal/auth/passkey";
import { createSecretBox } from "../../../../portal/auth/secret-box";
import { openDatabase } from "../../../../portal/db/database";
import { consumeMailOtp, findMailOtp, saveMailOtp, takeMailOtpTry } from "../../../../portal/db/mail-otp";
import { resetFirstLogin } from "../../../../portal/db/members";
import { migrateToLatest } from "../../../../portal/db/migrate";
import type { Database, WebauthnPurpose } from "../../../../portal/db/schema";
import { claimTotpStep, insertTotpDevice, saveTotpEnrollment } from "../../../../portal/db/totp-devices";
import { saveChallenge, takeChallenge } from "../../../../portal/db/webauthn-challenges";
import { insertPlainMember } from "../support/members";
import { emptySchema } from "../support/postgres";

const t0 = 1_700_000_000_000;
async function openSqlite(): Promise<{ db: Kysely<Database>; drop(): Promise<void> }> {
  const sqlite = new SQLite(":memory:");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, drop: () => db.destroy() };
}

async function openPostgres(): Promise<{ db: Kysely<Database>; drop(): Promise<void> } | null> {
  const pg = await emptySchema("kosmo_sf");
  if (!pg) return null;
  const db = openDatabase({ dataDir: "", databaseUrl: pg.url });
  return {
    db,
    async drop() {
      await db.destroy();
      await pg.drop();
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
    m1 = (await insertPlainMember(db, "K0001", t0, { name: "山田 太郎" })).id;
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
    const save = (challenge: string, binding: string, purpose: WebauthnPurpose, createdAt: number) =>
      saveChallenge(db, { challenge, binding, purpose, created_at: createdAt }, CHALLENGE_TTL_MS);
    it("are single use", async () => {
      const challenge = newChallenge();
      await save(challenge, "session:s1", "register", t0);
      const take = () => takeChallenge(db, { challenge, binding: "session:s1", purpose: "register" });
      expect(await take()).toBe(t0);
      expect(await take()).toBeNull();
    });

    it("are bound to their session and purpose; a refused attempt burns the challenge", async () => {
      const a = newChallenge();
      const b = newChallenge();
      for (const challenge of [a, b]) {
        await save(challenge, "session:s1", "register", t0);
      }
      expect(
        await takeChallenge(db, { challenge: a, binding: "session:s2", purpose: "register" }),
      ).toBeNull();
      expect(
        await takeChallenge(db, { challenge: b, binding: "session:s1", purpose: "passwordless" }),
      ).toBeNull();
      expect(
        await takeChallenge(db, { challenge: a, binding: "session:s1", purpose: "register" }),
      ).toBeNull();
    });

    it("report when they were made, so the caller refuses them after 5 minutes", async () => {
      const challenge = newChallenge();
      await save(challenge, "session:s1", "register", t0);
      const createdAt = await takeChallenge(db, { challenge, binding: "session:s1", purpose: "register" });
      expect(createdAt).toBe(t0);
      expect(isChallengeFresh(createdAt!, t0 + CHALLENGE_TTL_MS - 1)).toBe(true);
      expect(isChallengeFresh(createdAt!, t0 + CHALLENGE_TTL_MS)).toBe(false);
    });

    it("drop challenges older than the lifetime when a new one is stored", async () => {
      const old = newChallenge();
      await save(old, "session:s1", "register", t0);
      await save(newChallenge(), "session:s2", "register", t0 + CHALLENGE_TTL_MS);
      expect(
        await takeChallenge(db, { challenge: old, binding: "session:s1", purpose: "register" }),
      ).toBeNull();
    });

    it("keep at most five open per binding", async () => {
      const challenges = Array.from({ length: 7 }, newChallenge);
      for (const [i, challenge] of challenges.entries()) {
        await save(challenge, "pre:x", "passwordless", t0 + i);
      }
      const take = (challenge: string) =>
        takeChallenge(db, { challenge, binding: "pre:x", purpose: "passwordless" });
      expect(await take(challenges[0]!)).toBeNull();
      expect(await take(challenges[6]!)).toBe(t0 + 6);
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
      await saveMailOtp(db, mailOtpRowOf(m1, issueMailOtp(box, "s1", t0).record));
      const take = () => takeMailOtpTry(db, { sessionId: "s1", at: t0, maxTries: MAIL_OTP_MAX_WRONG_TRIES });
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
      await saveMailOtp(db, mailOtpRowOf(m1, issueMailOtp(box, "s1", t0).record));
      await db.deleteFrom("sessions").where("id", "=", "s1").execute();
      expect(await findMailOtp(db, "s1")).toBeUndefined();
    });
  });
});
