// Mails to a member about their own account: their language, and the security notice every change of a
// factor, the method or the password queues (security page, password reset, first-login password, the
// operator's reset) in the transaction of that change (mail/outbox.ts).
import type { Member } from "../db/schema";
import { isLocale, type Locale } from "../i18n";
import type { QueueMail } from "./outbox";
import { securityNoticeMail } from "./templates";

export function memberLocale(member: Member, fallback: Locale): Locale {
  return isLocale(member.locale) ? member.locale : fallback;
}

/**
 * Queues the notice that something changed, when the member has a confirmed address (false otherwise).
 * Call it with the `queue` of the change's transaction: the change and its notice commit together.
 */
export async function queueSecurityNotice(
  deps: { clock: () => Date },
  queue: QueueMail,
  member: Member,
  change: (locale: Locale) => string,
): Promise<boolean> {
  if (!member.email || member.email_verified_at === null) return false;
  const locale = memberLocale(member, "ja");
  const message = securityNoticeMail(locale, member.email, change(locale), deps.clock());
  await queue({ kind: "security-notice", message, memberId: member.id });
  return true;
}
