// Every value sealed with the secret box, for `npm run rotate-key` (cli/key-rotation.ts): read them all and
// write each back sealed under the new key, inside the caller's transaction. A table that starts to hold
// sealed values must be added to SEALED.
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema";

/** Each table with sealed values: the column its seal context names (the row's key) and the sealed column. */
const SEALED = {
  totp_devices: { key: "id", sealed: "secret_sealed" },
  totp_enrollments: { key: "session_id", sealed: "secret_sealed" },
  mail_otp_codes: { key: "session_id", sealed: "code_sealed" },
  password_resets: { key: "token_hash", sealed: "token_sealed" },
  mail_outbox: { key: "id", sealed: "body_sealed" },
} as const satisfies Partial<Record<keyof Database, { key: string; sealed: string }>>;

export type SealedTable = keyof typeof SEALED;

/** One sealed value: its table, the row's key (which its seal context names) and the sealed text. */
export interface SealedValue {
  table: SealedTable;
  key: string;
  sealed: string;
}

export async function listSealedValues(db: Kysely<Database>): Promise<SealedValue[]> {
  const values: SealedValue[] = [];
  for (const [table, column] of Object.entries(SEALED) as [SealedTable, (typeof SEALED)[SealedTable]][]) {
    const { rows } = await sql<{ row_key: string; sealed_value: string }>`
      SELECT ${sql.ref(column.key)} AS row_key, ${sql.ref(column.sealed)} AS sealed_value
      FROM ${sql.table(table)} WHERE ${sql.ref(column.sealed)} IS NOT NULL`.execute(db);
    for (const row of rows) values.push({ table, key: row.row_key, sealed: row.sealed_value });
  }
  return values;
}

/** Writes one value back sealed anew; a mail code also gets its new keyed hash. */
export async function replaceSealedValue(
  db: Kysely<Database>,
  value: SealedValue & { resealed: string; codeHash?: string },
): Promise<void> {
  const column = SEALED[value.table];
  if (value.table === "mail_otp_codes" && value.codeHash === undefined)
    throw new Error("a mail code needs its new hash");
  const hash = value.codeHash === undefined ? sql`` : sql`, code_hash = ${value.codeHash}`;
  await sql`UPDATE ${sql.table(value.table)} SET ${sql.ref(column.sealed)} = ${value.resealed}${hash}
    WHERE ${sql.ref(column.key)} = ${value.key}`.execute(db);
}
