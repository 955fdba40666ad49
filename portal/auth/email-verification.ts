// Sending the e-mail confirmation link (manual 1-[6]): single use, 24 h, stored hashed; one resend a minute.
// The link's page is flows/email-verification.ts; the first-login e-mail step sends it from here.
import {
  expireMemberEmailVerifications,
  insertEmailVerification,
  latestEmailVerification,
} from "../db/email-verifications";
import type { Member } from "../db/schema";
import type { Deps } from "../deps";
import { now } from "../deps";
import type { Locale } from "../i18n";
import { emailVerificationMail } from "../mail/templates";
import { hashToken, randomToken } from "./tokens";

export const RESEND_COOLDOWN_MS = 60_000;

/** Milliseconds until another confirmation mail may be sent (0 = now). */
export async function resendWait(deps: Deps, memberId: string): Promise<number> {
  const latest = await latestEmailVerification(deps.db, memberId);
  if (!latest) return 0;
  return Math.max(0, latest.created_at + RESEND_COOLDOWN_MS - now(deps));
}

/** Replaces any earlier link and mails a new one to `email`. */
export async function sendVerificationMail(deps: Deps, member: Member, email: string, locale: Locale) {
  const at = now(deps);
  const token = randomToken();
  await expireMemberEmailVerifications(deps.db, member.id, at);
  await insertEmailVerification(deps.db, { tokenHash: hashToken(token), memberId: member.id, email, at });
  const link = `${deps.config.portalOrigin}/verify-email?token=${token}`;
  await deps.mailer.send(emailVerificationMail(locale, email, link));
}
