// Mails to a member about their own account: their language, and the security notice every change of a
// factor, the method or the password sends (security page, password reset, first-login password).
import type { Member } from "../db/schema";
import type { Deps } from "../deps";
import { isLocale, type Locale } from "../i18n";
import { securityNoticeMail } from "./templates";
import { sendQuietly } from "./transport";

export function memberLocale(member: Member, fallback: Locale): Locale {
  return isLocale(member.locale) ? member.locale : fallback;
}

/**
 * Mails the member that something changed (when an address is confirmed). The change is already stored, so a
 * failing SMTP server must not turn it into an error page (sendQuietly logs it). True when it was sent.
 */
export async function sendSecurityNotice(
  deps: Pick<Deps, "mailer" | "clock">,
  member: Member,
  change: (locale: Locale) => string,
): Promise<boolean> {
  if (!member.email || member.email_verified_at === null) return false;
  const locale = memberLocale(member, "ja");
  const message = securityNoticeMail(locale, member.email, change(locale), deps.clock());
  return sendQuietly(deps.mailer, message, "security notice");
}
