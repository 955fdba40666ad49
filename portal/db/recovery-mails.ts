// How many recovery mails (password reset link, user ID reminder) each member got: one conditional upsert
// takes a mail only after the cooldown and below the cap of the current window, so parallel requests cannot
// flood the member's inbox.
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema";

export type RecoveryMailKind = "password-reset" | "user-id";

export interface RecoveryMailLimits {
  cooldownMs: number;
  windowMs: number;
  perWindow: number;
}

/** True when this request may send a mail of `kind` to the member (and it is now counted). */
export async function takeRecoveryMail(
  db: Kysely<Database>,
  input: { memberId: string; kind: RecoveryMailKind; at: number },
  limits: RecoveryMailLimits,
): Promise<boolean> {
  const at = sql.lit(input.at);
  const newWindow = sql`recovery_mails.window_started_at <= ${at} - ${sql.lit(limits.windowMs)}`;
  const result = await sql<{ sent_in_window: number }>`
    INSERT INTO recovery_mails (member_id, kind, last_sent_at, window_started_at, sent_in_window)
    VALUES (${input.memberId}, ${input.kind}, ${at}, ${at}, 1)
    ON CONFLICT (member_id, kind) DO UPDATE SET
      last_sent_at = ${at},
      window_started_at = CASE WHEN ${newWindow} THEN ${at} ELSE recovery_mails.window_started_at END,
      sent_in_window = CASE WHEN ${newWindow} THEN 1 ELSE recovery_mails.sent_in_window + 1 END
    WHERE recovery_mails.last_sent_at <= ${at} - ${sql.lit(limits.cooldownMs)}
      AND (${newWindow} OR recovery_mails.sent_in_window < ${sql.lit(limits.perWindow)})
    RETURNING sent_in_window`.execute(db);
  return result.rows.length === 1;
}
