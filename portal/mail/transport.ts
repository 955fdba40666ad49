// Outgoing mail: the `Mailer` interface the flows use, implemented with nodemailer over SMTP.
import nodemailer, { type Transporter } from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * Sends and never throws: for mails whose failure must not change the answer (a notice after a stored change,
 * a recovery mail whose timing must not show a match). The operator sees the failure in the log, with any
 * e-mail address in the SMTP error replaced, and never the message itself.
 */
export async function sendQuietly(mailer: Mailer, message: MailMessage, what: string): Promise<boolean> {
  try {
    await mailer.send(message);
    return true;
  } catch (error) {
    console.error(`${what} not sent:`, describeMailError(error));
    return false;
  }
}

/** An SMTP error for the log: its text with any e-mail address replaced (never the message itself). */
export function describeMailError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/[^\s<>"'@]+@[^\s<>"']+/g, "<address>");
}

/** A 5xx SMTP reply (no such mailbox, refused): trying again will not help. */
export function isPermanentMailError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/**
 * Time limits well inside the outbox's 5-minute claim lease (nodemailer's own socket limit is 10 minutes): a
 * stalled server fails the attempt, to be retried, instead of outliving the claim and being sent twice.
 * Query parameters of SMTP_URL (e.g. `?socketTimeout=…`) override them.
 */
const SMTP_TIME_LIMITS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export function createSmtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  return mailerOver(nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIME_LIMITS }), from);
}

/** Mailer for the embedded catcher: plain SMTP on 127.0.0.1, no TLS (development and tests only). */
export function createCatcherMailer(port: number, from: string): Mailer & { close(): void } {
  return mailerOver(
    nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }),
    from,
  );
}

function mailerOver(transport: Transporter, from: string): Mailer & { close(): void } {
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close() {
      transport.close();
    },
  };
}
