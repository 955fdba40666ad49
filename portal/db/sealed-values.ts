// Every value sealed with the secret box, for `npm run rotate-key` (cli/key-rotation.ts): read them all and
// write each back sealed under the new key, inside the caller's transaction. A table that starts to hold
// sealed values must be added here.
import type { Kysely } from "kysely";
import type { Database } from "./schema";

export type SealedTable =
  | "totp_devices"
  | "totp_enrollments"
  | "mail_otp_codes"
  | "password_resets"
  | "mail_outbox";

/** One sealed value: its table, the row's key (which its seal context names) and the sealed text. */
export interface SealedValue {
  table: SealedTable;
  key: string;
  sealed: string;
}

export async function listSealedValues(db: Kysely<Database>): Promise<SealedValue[]> {
  const of = (table: SealedTable, rows: { key: string; sealed: string | null }[]): SealedValue[] =>
    rows.flatMap((row) => (row.sealed === null ? [] : [{ table, key: row.key, sealed: row.sealed }]));
  return [
    ...of(
      "totp_devices",
      await db.selectFrom("totp_devices").select(["id as key", "secret_sealed as sealed"]).execute(),
    ),
    ...of(
      "totp_enrollments",
      await db
        .selectFrom("totp_enrollments")
        .select(["session_id as key", "secret_sealed as sealed"])
        .execute(),
    ),
    ...of(
      "mail_otp_codes",
      await db.selectFrom("mail_otp_codes").select(["session_id as key", "code_sealed as sealed"]).execute(),
    ),
    ...of(
      "password_resets",
      await db
        .selectFrom("password_resets")
        .select(["token_hash as key", "token_sealed as sealed"])
        .execute(),
    ),
    ...of(
      "mail_outbox",
      await db.selectFrom("mail_outbox").select(["id as key", "body_sealed as sealed"]).execute(),
    ),
  ];
}

/** Writes one value back sealed anew; a mail code also gets its new keyed hash. */
export async function replaceSealedValue(
  db: Kysely<Database>,
  value: SealedValue & { resealed: string; codeHash?: string },
): Promise<void> {
  const { key, resealed } = value;
  switch (value.table) {
    case "totp_devices":
      await db.updateTable("totp_devices").set({ secret_sealed: resealed }).where("id", "=", key).execute();
      return;
    case "totp_enrollments":
      await db
        .updateTable("totp_enrollments")
        .set({ secret_sealed: resealed })
        .where("session_id", "=", key)
        .execute();
      return;
    case "mail_otp_codes":
      if (value.codeHash === undefined) throw new Error("a mail code needs its new hash");
      await db
        .updateTable("mail_otp_codes")
        .set({ code_sealed: resealed, code_hash: value.codeHash })
        .where("session_id", "=", key)
        .execute();
      return;
    case "password_resets":
      await db
        .updateTable("password_resets")
        .set({ token_sealed: resealed })
        .where("token_hash", "=", key)
        .execute();
      return;
    case "mail_outbox":
      await db.updateTable("mail_outbox").set({ body_sealed: resealed }).where("id", "=", key).execute();
      return;
  }
}
