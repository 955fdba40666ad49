// Mail one-time codes (manual 2-6): the rules only. A code is 6 digits from a CSPRNG, lives 10 minutes, is
// used once, is bound to one sign-in attempt (the password-level session), allows 5 wrong tries, and a
// resend within 60 s is refused while a later resend mails the SAME live code again (so the mail already in
// the inbox stays valid). Stored as a keyed hash for comparison plus a sealed copy for the resend.
// Mail is the weakest method (ASVS 5 / NIST 800-63B do not accept e-mail as an authenticator): the screen
// says so and suggests a passkey or an app.
import { randomInt } from "node:crypto";
import type { MailOtpCode } from "../db/schema";
import type { SecretBox } from "./secret-box";
import { constantTimeEqual } from "./tokens";
import { normalizeOtpInput } from "./totp";

export const MAIL_OTP_DIGITS = 6;
export const MAIL_OTP_TTL_MS = 10 * 60 * 1000;
export const MAIL_OTP_MAX_WRONG_TRIES = 5;
export const MAIL_OTP_RESEND_COOLDOWN_MS = 60 * 1000;
/** A live code about to expire is not worth re-sending: the member would not have time to type it. */
export const MAIL_OTP_MIN_LIFE_FOR_RESEND_MS = 2 * 60 * 1000;

/** What is stored per code; `attemptId` is the sign-in attempt (session) the code belongs to. */
export interface MailOtpRecord {
  attemptId: string;
  codeHash: string;
  codeSealed: string;
  createdAt: number;
  expiresAt: number;
  lastSentAt: number;
  wrongTries: number;
  consumedAt: number | null;
}

export function mailOtpRecordOf(row: MailOtpCode): MailOtpRecord {
  return {
    attemptId: row.session_id,
    codeHash: row.code_hash,
    codeSealed: row.code_sealed,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    lastSentAt: Number(row.last_sent_at),
    wrongTries: Number(row.wrong_tries),
    consumedAt: row.consumed_at === null ? null : Number(row.consumed_at),
  };
}

export function mailOtpRowOf(memberId: string, record: MailOtpRecord): MailOtpCode {
  return {
    session_id: record.attemptId,
    member_id: memberId,
    code_hash: record.codeHash,
    code_sealed: record.codeSealed,
    created_at: record.createdAt,
    expires_at: record.expiresAt,
    last_sent_at: record.lastSentAt,
    wrong_tries: record.wrongTries,
    consumed_at: record.consumedAt,
  };
}

export function generateMailOtpCode(): string {
  return randomInt(0, 10 ** MAIL_OTP_DIGITS)
    .toString()
    .padStart(MAIL_OTP_DIGITS, "0");
}

/** The keyed hash a code is stored as (also recomputed by `npm run rotate-key` under the new key). */
export function mailOtpCodeHash(box: SecretBox, attemptId: string, code: string): string {
  return box.mac("mail-otp", `${attemptId}:${code}`);
}

export function mailOtpSealContext(attemptId: string): string {
  return `mail-otp:${attemptId}`;
}

/** A new code for a sign-in attempt; the plain code is returned only to be mailed. */
export function issueMailOtp(
  box: SecretBox,
  attemptId: string,
  now: number,
): { code: string; record: MailOtpRecord } {
  const code = generateMailOtpCode();
  return {
    code,
    record: {
      attemptId,
      codeHash: mailOtpCodeHash(box, attemptId, code),
      codeSealed: box.seal(code, mailOtpSealContext(attemptId)),
      createdAt: now,
      expiresAt: now + MAIL_OTP_TTL_MS,
      lastSentAt: now,
      wrongTries: 0,
      consumedAt: null,
    },
  };
}

/** A code can still be entered: not used, not expired, tries left. */
export function isMailOtpLive(record: MailOtpRecord, now: number): boolean {
  return record.consumedAt === null && now < record.expiresAt && record.wrongTries < MAIL_OTP_MAX_WRONG_TRIES;
}

export type MailOtpCheck =
  | { outcome: "accepted" }
  | { outcome: "malformed" }
  | { outcome: "wrong"; triesLeft: number }
  | { outcome: "expired" | "exhausted" | "used" | "other-attempt" };

/**
 * Decides an entered code against the record as it was before this try. The caller first takes the try with
 * a conditional update (`wrong_tries < 5`, unused, unexpired) and calls this only when that update won; on
 * "accepted" it then marks the code used, again conditionally.
 */
export function checkMailOtp(
  box: SecretBox,
  record: MailOtpRecord,
  input: { attemptId: string; code: string; now: number },
): MailOtpCheck {
  if (record.attemptId !== input.attemptId) return { outcome: "other-attempt" };
  if (record.consumedAt !== null) return { outcome: "used" };
  if (input.now >= record.expiresAt) return { outcome: "expired" };
  if (record.wrongTries >= MAIL_OTP_MAX_WRONG_TRIES) return { outcome: "exhausted" };
  const code = normalizeOtpInput(input.code, MAIL_OTP_DIGITS);
  if (code === null) return { outcome: "malformed" };
  if (constantTimeEqual(mailOtpCodeHash(box, record.attemptId, code), record.codeHash))
    return { outcome: "accepted" };
  return { outcome: "wrong", triesLeft: MAIL_OTP_MAX_WRONG_TRIES - record.wrongTries - 1 };
}

/** Why the conditional update took no try: the code is spent (it never compares a code). */
export function spentReason(record: MailOtpRecord, now: number): "used" | "expired" | "exhausted" {
  if (record.consumedAt !== null) return "used";
  if (now >= record.expiresAt) return "expired";
  return "exhausted";
}

export type MailOtpResend =
  | { kind: "cooldown"; retryAfterMs: number }
  | { kind: "resend-live"; code: string; expiresAt: number }
  | { kind: "issue-new" };

/**
 * 再送信: within 60 s of the last mail, refuse; otherwise mail the live code again (same code, same expiry)
 * or, when there is no live code any more (or it has under two minutes left), a new one.
 */
export function decideMailOtpResend(
  box: SecretBox,
  record: MailOtpRecord | null,
  now: number,
): MailOtpResend {
  if (record === null) return { kind: "issue-new" };
  const sinceLastMail = now - record.lastSentAt;
  if (sinceLastMail < MAIL_OTP_RESEND_COOLDOWN_MS) {
    return { kind: "cooldown", retryAfterMs: MAIL_OTP_RESEND_COOLDOWN_MS - sinceLastMail };
  }
  if (!isMailOtpLive(record, now) || record.expiresAt - now < MAIL_OTP_MIN_LIFE_FOR_RESEND_MS) {
    return { kind: "issue-new" };
  }
  return {
    kind: "resend-live",
    code: box.open(record.codeSealed, mailOtpSealContext(record.attemptId)),
    expiresAt: record.expiresAt,
  };
}
