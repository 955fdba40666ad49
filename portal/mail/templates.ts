// The mails the portal sends, in the member's language. Wording lives in the message catalogues.
import { type Locale, type MessageKey, t } from "../i18n";
import type { MailMessage } from "./transport";

function compose(locale: Locale, to: string, subjectKey: MessageKey, body: string): MailMessage {
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

/** The sign-in code of manual 2-6. */
export function mailOtpMail(locale: Locale, to: string, code: string): MailMessage {
  return compose(locale, to, "mail.otp.subject", t(locale, "mail.otp.body", { code }));
}

/** The notice sent when a factor, the method or the password changes; the time is shown in JST. */
export function securityNoticeMail(locale: Locale, to: string, change: string, at: Date): MailMessage {
  const when = at.toLocaleString(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: "Asia/Tokyo" });
  return compose(
    locale,
    to,
    "mail.notice.subject",
    t(locale, "mail.notice.body", { change, at: `${when} (JST)` }),
  );
}
