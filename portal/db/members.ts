// Member records: lookups and the updates each flow makes.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { reusableQuery } from "./reusable-query";
import type { Database, Member, MemberUpdate } from "./schema";
import { inTransaction } from "./transaction";

type Db = Pick<Kysely<Database>, "selectFrom" | "insertInto" | "updateTable" | "executeQuery">;

const memberByUserId = reusableQuery<{ userId: string }>()((db: Db, param) =>
  db.selectFrom("members").selectAll().where("user_id", "=", param("userId")),
);

/** User IDs are stored lower-cased, so they compare case-insensitively. Every sign-in: compiled once. */
export async function findMemberByUserId(db: Db, userId: string): Promise<Member | undefined> {
  return (await memberByUserId(db, { userId: normalizeUserId(userId) }))[0];
}

const memberById = reusableQuery<{ id: string }>()((db: Db, param) =>
  db.selectFrom("members").selectAll().where("id", "=", param("id")),
);

/** Read by most flows (the session middleware reads the member with the session row instead): compiled once. */
export async function findMemberById(db: Db, id: string): Promise<Member | undefined> {
  return (await memberById(db, { id }))[0];
}

export function findMembersByVerifiedEmail(db: Db, email: string): Promise<Member[]> {
  return db
    .selectFrom("members")
    .selectAll()
    .where("email", "=", email.toLowerCase())
    .where("email_verified_at", "is not", null)
    .execute();
}

export function normalizeUserId(userId: string): string {
  return userId.trim().toLowerCase();
}

/** Where a member stands before the first login's first step: new, or reset by the operator. */
const FIRST_LOGIN_NOT_STARTED = {
  password_is_initial: 1,
  email: null,
  pending_email: null,
  email_verified_at: null,
  birth_date_confirmed_at: null,
  terms_accepted_at: null,
  auth_method: null,
  password_changed_at: null,
  first_login_completed_at: null,
} as const;

export interface NewMemberInput {
  userId: string;
  name: string;
  birthDate: string;
  passwordHash: string;
  at: number;
}

export async function insertMember(db: Db, input: NewMemberInput): Promise<Member> {
  const member: Member = {
    id: randomUUID(),
    user_id: normalizeUserId(input.userId),
    name: input.name,
    birth_date: input.birthDate,
    password_hash: input.passwordHash,
    ...FIRST_LOGIN_NOT_STARTED,
    locale: null,
    created_at: input.at,
    updated_at: input.at,
  };
  await db.insertInto("members").values(member).execute();
  return member;
}

export async function updateMember(db: Db, id: string, changes: MemberUpdate & { updated_at: number }) {
  await db.updateTable("members").set(changes).where("id", "=", id).execute();
}

const memberLocale = reusableQuery<{ id: string; locale: string; at: number }>()((db: Db, param) =>
  db
    .updateTable("members")
    .set({ locale: param("locale"), updated_at: param("at") })
    .where("id", "=", param("id")),
);

/** Every sign-in keeps the member's language (mails follow it): compiled once. */
export async function setMemberLocale(db: Db, id: string, locale: string, at: number): Promise<void> {
  await memberLocale(db, { id, locale, at });
}

export function countMembers(db: Db): Promise<number> {
  return db
    .selectFrom("members")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.n));
}

export function listMembers(db: Db): Promise<Member[]> {
  return db.selectFrom("members").selectAll().orderBy("user_id").execute();
}

/** Many members at once (the CLI's import): all of them or, on any error, none. */
export async function insertMembers(db: Kysely<Database>, inputs: readonly NewMemberInput[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const input of inputs) await insertMember(trx, input);
  });
}

/**
 * Back to the start of the first login with a new initial password; the member signs in again. Every live
 * link and code of the member ends with it (password reset, e-mail confirmation, mail code, sessions), and,
 * as a reset is for a member who lost access, their second factors and any half-done app enrolment go too —
 * all in one transaction, so no link mailed before the reset can act after it and a failure leaves the
 * member as they were.
 */
export async function resetFirstLogin(
  db: Kysely<Database>,
  id: string,
  passwordHash: string,
  at: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("members")
      .set({ ...FIRST_LOGIN_NOT_STARTED, password_hash: passwordHash, updated_at: at })
      .where("id", "=", id)
      .execute();
    for (const table of ["password_resets", "email_verifications"] as const) {
      await trx
        .updateTable(table)
        .set({ used_at: at })
        .where("member_id", "=", id)
        .where("used_at", "is", null)
        .execute();
    }
    await trx
      .updateTable("password_resets")
      .set({ token_sealed: null })
      .where("member_id", "=", id)
      .execute();
    await trx.deleteFrom("mail_otp_codes").where("member_id", "=", id).execute();
    for (const table of ["sessions", "totp_enrollments", "totp_devices", "passkeys"] as const) {
      await trx.deleteFrom(table).where("member_id", "=", id).execute();
    }
  });
}
