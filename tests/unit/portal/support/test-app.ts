// The portal's Hono app without a server, for flow tests in Hono's style (app.request()): a real SQLite file
// in a temporary directory, migrated; the real mail catcher on a loopback port with the SMTP mailer the
// portal uses in development; a clock the test controls. Requests come from the socket peer 127.0.0.1, as
// through a real server on loopback.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Hono } from "hono";
import type { Kysely } from "kysely";
import { createApp } from "../../../../portal/app";
import type { AppEnv } from "../../../../portal/app-env";
import { hashPassword } from "../../../../portal/auth/password";
import { generateTotpSecret } from "../../../../portal/auth/totp";
import { loadConfig } from "../../../../portal/config";
import { openDatabase } from "../../../../portal/db/database";
import { findMemberByUserId, insertMember } from "../../../../portal/db/members";
import { migrateToLatest } from "../../../../portal/db/migrate";
import type { Database, Member } from "../../../../portal/db/schema";
import { listSecurityEvents } from "../../../../portal/db/security-events";
import { insertTotpDevice } from "../../../../portal/db/totp-devices";
import { createDeps, type Deps } from "../../../../portal/deps";
import { type CaughtMail, type MailCatcher, startMailCatcher } from "../../../../portal/mail/catcher";
import { createCatcherMailer } from "../../../../portal/mail/transport";
import { type HttpClient, httpClient } from "./http-client";

export interface TestApp {
  app: Hono<AppEnv>;
  deps: Deps;
  db: Kysely<Database>;
  mail: MailCatcher;
  origin: string;
  /** fetch() for the app: same arguments, answered by app.request() with the socket peer 127.0.0.1. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** A new browser (its own cookie jar). */
  client(): HttpClient;
  /** Adds a member at the start of the first login (initial password). */
  addMember(input: { userId: string; password: string; birthDate: string; name?: string }): Promise<Member>;
  member(userId: string): Promise<Member | undefined>;
  /** Waits (up to `timeoutMs`) for a mail to `address`, newest first; `after` skips older mails. */
  latestMailTo(address: string, options?: { timeoutMs?: number; after?: Date }): Promise<CaughtMail>;
  /** The member's security events as "type:detail" lines, newest first. */
  eventLines(memberId: string): Promise<string[]>;
  /** A TOTP device as the set-up page stores it (secret sealed to its row), never used; returns the secret. */
  addTotpDevice(memberId: string, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: { env?: Record<string, string>; clock?: () => Date } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-app-"));
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir, ...options.env });
  const db = openDatabase(config);
  await migrateToLatest(db);
  const mail = await startMailCatcher(0);
  const mailer = createCatcherMailer(mail.port, config.mailFrom);
  const clock = options.clock ?? (() => new Date());
  const deps = createDeps({ config, db, mailer, clock, catcher: mail });
  const app = createApp(deps);
  const bindings = {
    incoming: { socket: { remoteAddress: "127.0.0.1", remoteFamily: "IPv4", remotePort: 40000 } },
  };
  const send = async (url: string, init: RequestInit = {}) => app.request(url, init, bindings);
  return {
    app,
    deps,
    db,
    mail,
    origin: config.portalOrigin,
    fetch: send,
    client: () => httpClient(config.portalOrigin, send),
    async addMember(input) {
      return insertMember(db, {
        userId: input.userId,
        name: input.name ?? "",
        birthDate: input.birthDate,
        passwordHash: await hashPassword(input.password),
        at: Date.now(),
      });
    },
    member: (userId) => findMemberByUserId(db, userId),
    async latestMailTo(address, { timeoutMs = 10_000, after } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mail
          .messages()
          .find((m) => m.to.includes(address.toLowerCase()) && (!after || m.receivedAt >= after));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async eventLines(memberId) {
      return (await listSecurityEvents(db, memberId, 1000)).map((e) => `${e.type}:${e.detail}`);
    },
    async addTotpDevice(memberId, name) {
      const secret = generateTotpSecret();
      const id = randomUUID();
      await insertTotpDevice(db, {
        id,
        member_id: memberId,
        name,
        secret_sealed: deps.secretBox.seal(secret, `totp:${id}`),
        last_used_step: null,
        created_at: deps.clock().getTime(),
        last_used_at: null,
      });
      return secret;
    },
    async close() {
      await deps.outbox.stop();
      mailer.close();
      await mail.close();
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
