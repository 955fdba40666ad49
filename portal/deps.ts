// What every flow receives (through Hono's c.var.deps, set once in app.ts): configuration, database, mail
// transport, the secret box, the mail outbox's worker and a clock (tests move time).
import type { Kysely } from "kysely";
import { createSecretBox, type SecretBox } from "./auth/secret-box";
import type { Config } from "./config";
import type { Database } from "./db/schema";
import type { MailCatcher } from "./mail/catcher";
import { createOutboxWorker, type OutboxOptions, type OutboxWorker } from "./mail/outbox-worker";
import type { Mailer } from "./mail/transport";

export interface Deps {
  config: Config;
  db: Kysely<Database>;
  /** Used by the outbox worker only: flows queue their mails (mail/outbox.ts). */
  mailer: Mailer;
  clock: () => Date;
  /** Seals TOTP secrets, live mail codes and outbox mails at rest, made once from config.secretKey. */
  secretBox: SecretBox;
  /** Sends the queued mails: flows kick it after their commit; the server starts its polling and drains it. */
  outbox: OutboxWorker;
  /** The embedded catcher behind `/dev/mail`; null in production or with a real SMTP_URL. */
  catcher: MailCatcher | null;
}

/** The dependencies of one portal process; the secret box and the outbox worker are made once here. */
export function createDeps(
  parts: Omit<Deps, "secretBox" | "outbox">,
  outboxOptions: Partial<OutboxOptions> = {},
): Deps {
  const deps = { ...parts, secretBox: createSecretBox(parts.config.secretKey) } as Deps;
  // The worker reads deps.db and deps.mailer when it runs (a test may swap them).
  deps.outbox = createOutboxWorker(deps, outboxOptions);
  return deps;
}

export const now = (deps: Pick<Deps, "clock">): number => deps.clock().getTime();
