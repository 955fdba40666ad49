// Sending the e-mail confirmation link (manual 1-[6]): single use, 24 h, stored hashed; one resend a minute.
// The link's page is flows/email-verification.ts; the first-login e-mail step sends it from here. The new
// address, the new link (replacing the earlier ones) and the mail are one transaction (mail/outbox.ts).
import {
  EMAIL_LINK_LIFETIME_MS,
  expireMemberEmailVerifications,
  insertEmailVerification,
  latestEmailVerification,
} from "../db/email-verifications";
import { updateMember } from "../db/members";
import type { Member } from "../db/schema";
import type { Deps } from "../deps";
import { now } from "../deps";
import type { Locale } from "../i18n";
import { changeAndMail, type DeliveryState, deliveryOf, retryNow, SCREEN_MAIL_WAIT_MS } from "../mail/outbox";
import { emailVerificationMail } from "../mail/templates";
import { hashToken, randomToken } from "./tokens";

export const RESEND_COOLDOWN_MS = 60_000;

/** The outbox reference of a member's confirmation mails: the e-mail step reports the newest one. */
export const verificationMailRef = (memberId: string): string => `email-verification:${memberId}`;

/** Milliseconds until another confirmation mail may be sent (0 = now). */
export async function resendWait(deps: Deps, memberId: string): Promise<number> {
  const latest = await latestEmailVerification(deps.db, memberId);
  if (!latest) return 0;
  return Math.max(0, latest.created_at + RESEND_COOLDOWN_MS - now(deps));
}

/**
 * Makes `email` the member's pending address, replaces any earlier link with a new one and queues its mail,
 * in one transaction; then waits (briefly) for the send and says whether it went out.
 */
export async function sendVerificationMail(
  deps: Deps,
  member: Member,
  email: string,
  locale: Locale,
): Promise<DeliveryState> {
  const at = now(deps);
  const token = randomToken();
  const link = `${deps.config.portalOrigin}/verify-email?token=${token}`;
  await changeAndMail(deps, async (trx, queue) => {
    await updateMember(trx, member.id, { pending_email: email, updated_at: at });
    await expireMemberEmailVerifications(trx, member.id, at);
    await insertEmailVerification(trx, { tokenHash: hashToken(token), memberId: member.id, email, at });
    await queue({
      kind: "email-verification",
      message: emailVerificationMail(locale, email, link),
      ref: verificationMailRef(member.id),
      memberId: member.id,
      discardAfter: at + EMAIL_LINK_LIFETIME_MS,
    });
  });
  return verificationDelivery(deps, member.id, SCREEN_MAIL_WAIT_MS);
}

/**
 * 再送信 on the e-mail step: while the last confirmation mail still waits in the outbox it is tried again now
 * (the link in it stays the one to use); otherwise a new link is sent.
 */
export async function resendVerificationMail(
  deps: Deps,
  member: Member,
  email: string,
  locale: Locale,
): Promise<DeliveryState> {
  if (await retryNow(deps, verificationMailRef(member.id))) {
    return verificationDelivery(deps, member.id, SCREEN_MAIL_WAIT_MS);
  }
  return sendVerificationMail(deps, member, email, locale);
}

/** Whether the member's newest confirmation mail went out, after waiting up to `waitMs` for the worker. */
export async function verificationDelivery(deps: Deps, memberId: string, waitMs = 0): Promise<DeliveryState> {
  if (waitMs > 0) await deps.outbox.settle(waitMs);
  // No outbox record: the link was mailed directly before the outbox existed (an upgrade mid-step).
  return (await deliveryOf(deps.db, verificationMailRef(memberId))) ?? "sent";
}
