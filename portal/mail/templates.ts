// The mails the portal sends, in the member's language. Wording lives in the message catalogues.
import { type Locale, t } from "../i18n";
import type { MailMessage } from "./transport";

function compose(locale: Locale, to: string, subjectKey: Parameters<typeof t>[1], body: string): MailMessage {
  return { to, subject: t(locale, subjectKey), text: `${body}\n\n--\n${t(locale, "mail.signature")}\n` };
}

export function emailVerificationMail(locale: Locale, to: string, link: string): MailMessage {
  return compose(locale, to, "mail.verify.subject", t(locale, "mail.verify.body", { link }));
}

export function passwordResetMail(locale: Locale, to: string, link: string): MailMessage {
  return compose(locale, to, "mail.reset.subject", t(locale, "mail.reset.body", { link }));
}

export function userIdReminderMail(locale: Locale, to: string, userIds: string[]): MailMessage {
  return compose(
    locale,
    to,
    "mail.userId.subject",
    t(locale, "mail.userId.body", { userIds: userIds.join("\n") }),
  );
}
