import { describe, expect, it } from "vitest";
import {
  checkMailOtp,
  decideMailOtpResend,
  generateMailOtpCode,
  issueMailOtp,
  MAIL_OTP_MAX_WRONG_TRIES,
  type MailOtpRecord,
} from "../../../../portal/auth/mail-otp";
import { createSecretBox } from "../../../../portal/auth/secret-box";

const box = createSecretBox(Buffer.alloc(32, 1));
const t0 = 1_700_000_000_000;
const minute = 60_000;

function issue(): { code: string; record: MailOtpRecord } {
  return issueMailOtp(box, "attempt-1", t0);
}
function otherCode(code: string): string {
  return ((Number(code) + 1) % 1_000_000).toString().padStart(6, "0");
}

describe("mail OTP", () => {
  it("makes 6-digit codes that vary", () => {
    const codes = new Set(Array.from({ length: 200 }, generateMailOtpCode));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.size).toBeGreaterThan(190);
  });

  it("stores the code only hashed and sealed", () => {
    const { code, record } = issue();
    expect(record.codeHash).not.toContain(code);
    expect(record.codeSealed).not.toContain(code);
    expect(record.expiresAt - record.createdAt).toBe(10 * minute);
  });

  it("accepts the right code (with spaces or full-width digits) within 10 minutes", () => {
    const { code, record } = issue();
    expect(checkMailOtp(box, record, { attemptId: "attempt-1", code, now: t0 + 9 * minute })).toEqual({
      outcome: "accepted",
    });
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    expect(checkMailOtp(box, record, { attemptId: "attempt-1", code: spaced, now: t0 }).outcome).toBe(
      "accepted",
    );
    const wide = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(checkMailOtp(box, record, { attemptId: "attempt-1", code: wide, now: t0 }).outcome).toBe(
      "accepted",
    );
  });

  it("expires after 10 minutes", () => {
    const { code, record } = issue();
    expect(checkMailOtp(box, record, { attemptId: "attempt-1", code, now: t0 + 10 * minute }).outcome).toBe(
      "expired",
    );
  });

  it("is single use", () => {
    const { code, record } = issue();
    const used = { ...record, consumedAt: t0 + 1000 };
    expect(checkMailOtp(box, used, { attemptId: "attempt-1", code, now: t0 + 2000 }).outcome).toBe("used");
  });

  it("is bound to its sign-in attempt", () => {
    const { code, record } = issue();
    expect(checkMailOtp(box, record, { attemptId: "attempt-2", code, now: t0 }).outcome).toBe(
      "other-attempt",
    );
    // The same digits issued to another attempt do not hash alike.
    const other = issueMailOtp(box, "attempt-2", t0);
    expect(other.record.codeHash).not.toBe(issueMailOtp(box, "attempt-1", t0).record.codeHash);
  });

  it("allows five wrong tries, then refuses even the right code", () => {
    const { code, record } = issue();
    let current = record;
    for (let i = 1; i <= MAIL_OTP_MAX_WRONG_TRIES; i++) {
      const check = checkMailOtp(box, current, { attemptId: "attempt-1", code: otherCode(code), now: t0 });
      expect(check).toEqual({ outcome: "wrong", triesLeft: MAIL_OTP_MAX_WRONG_TRIES - i });
      current = { ...current, wrongTries: current.wrongTries + 1 };
    }
    expect(checkMailOtp(box, current, { attemptId: "attempt-1", code, now: t0 }).outcome).toBe("exhausted");
  });

  it("refuses malformed input without counting it as a code", () => {
    const { record } = issue();
    expect(checkMailOtp(box, record, { attemptId: "attempt-1", code: "12a456", now: t0 }).outcome).toBe(
      "malformed",
    );
  });

  it("resend: refused for 60 s, then re-sends the same live code", () => {
    const { code, record } = issue();
    expect(decideMailOtpResend(box, record, t0 + 59_000)).toEqual({ kind: "cooldown", retryAfterMs: 1000 });
    expect(decideMailOtpResend(box, record, t0 + 60_000)).toEqual({
      kind: "resend-live",
      code,
      expiresAt: record.expiresAt,
    });
    const resent = { ...record, lastSentAt: t0 + 60_000 };
    expect(decideMailOtpResend(box, resent, t0 + 90_000)).toEqual({ kind: "cooldown", retryAfterMs: 30_000 });
  });

  it("resend: a new code when there is none, or it is used, exhausted or about to expire", () => {
    const { record } = issue();
    expect(decideMailOtpResend(box, null, t0)).toEqual({ kind: "issue-new" });
    expect(decideMailOtpResend(box, { ...record, consumedAt: t0 }, t0 + 2 * minute)).toEqual({
      kind: "issue-new",
    });
    expect(decideMailOtpResend(box, { ...record, wrongTries: 5 }, t0 + 2 * minute)).toEqual({
      kind: "issue-new",
    });
    expect(decideMailOtpResend(box, record, t0 + 9 * minute)).toEqual({ kind: "issue-new" });
    expect(decideMailOtpResend(box, record, t0 + 11 * minute)).toEqual({ kind: "issue-new" });
  });
});
