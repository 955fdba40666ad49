// Mails of the second factors: the sign-in code (2-6) and the notice sent when security settings change.
import { type Locale, t } from "../i18n";
import type { MailMessage } from "./transport";

function withSignature(locale: Locale, body: string): string {
  return `${body}\n\n--\n${t(locale, "mail.signature")}\n`;
}

export function mailOtpMail(locale: Locale, to: string, code: string): MailMessage {
  return {
    to,
    subject: t(locale, "mail.otp.subject"),
    text: withSignature(locale, t(locale, "mail.otp.body", { code })),
  };
}

export function securityNoticeMail(locale: Locale, to: string, change: string, at: Date): MailMessage {
  const when = at.toLocaleString(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: "Asia/Tokyo" });
  return {
    to,
    subject: t(locale, "mail.notice.subject"),
    text: withSignature(locale, t(locale, "mail.notice.body", { change, at: `${when} (JST)` })),
  };
}
