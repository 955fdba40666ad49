// What every flow receives (through Hono's c.var.deps, set once in app.ts): configuration, database, mail
// transport, the secret box, a clock (tests move time) and the instance's lifecycle (draining, shutdown hooks).
import type { Kysely } from "kysely";
import { createSecretBox, type SecretBox } from "./auth/secret-box";
import type { Config } from "./config";
import type { Database } from "./db/schema";
import { createLifecycle, type Lifecycle } from "./lifecycle";
import type { MailCatcher } from "./mail/catcher";
import type { Mailer } from "./mail/transport";

export interface Deps {
  config: Config;
  db: Kysely<Database>;
  mailer: Mailer;
  clock: () => Date;
  /** Seals TOTP secrets and live mail codes at rest, made once from config.secretKey. */
  secretBox: SecretBox;
  /** The embedded catcher behind `/dev/mail`; null in production or with a real SMTP_URL. */
  catcher: MailCatcher | null;
  /** Draining after SIGTERM, and the hooks background work registers to finish (lifecycle.ts). */
  lifecycle: Lifecycle;
}

/** The dependencies of one portal process; the secret box is made once from config.secretKey. */
export function createDeps(parts: Omit<Deps, "secretBox" | "lifecycle"> & { lifecycle?: Lifecycle }): Deps {
  return {
    ...parts,
    secretBox: createSecretBox(parts.config.secretKey),
    lifecycle: parts.lifecycle ?? createLifecycle(),
  };
}

export const now = (deps: Pick<Deps, "clock">): number => deps.clock().getTime();
