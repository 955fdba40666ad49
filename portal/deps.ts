// What every flow receives: configuration, database, mail transport and a clock (tests move time).
import type { Kysely } from "kysely";
import type { Config } from "./config";
import type { Database } from "./db/schema";
import type { MailCatcher } from "./mail/catcher";
import type { Mailer } from "./mail/transport";

export interface Deps {
  config: Config;
  db: Kysely<Database>;
  mailer: Mailer;
  clock: () => Date;
  /** The embedded catcher behind `/dev/mail`; null in production or with a real SMTP_URL. */
  catcher: MailCatcher | null;
}

export const now = (deps: Pick<Deps, "clock">): number => deps.clock().getTime();
