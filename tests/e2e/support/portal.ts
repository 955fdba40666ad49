// Starts the real portal for a test: port 0, a temporary DATA_DIR (SQLite, or under TEST_STORE=postgres a
// throwaway PostgreSQL schema), the mail catcher on a random port.

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hashPassword } from "../../../portal/auth/password";
import { generateTotpSecret } from "../../../portal/auth/totp";
import { findMemberByUserId, insertMember } from "../../../portal/db/members";
import type { Member } from "../../../portal/db/schema";
import { listSecurityEvents } from "../../../portal/db/security-events";
import { insertTotpDevice } from "../../../portal/db/totp-devices";
import type { CaughtMail } from "../../../portal/mail/catcher";
import { type RunningPortal, startPortal } from "../../../portal/server";
import { testStore } from "../../unit/portal/support/postgres";

export interface TestPortal {
  portal: RunningPortal;
  origin: string;
  /** Adds a member at the start of the first login (initial password). */
  addMember(input: { userId: string; password: string; birthDate: string; name?: string }): Promise<Member>;
  member(userId: string): Promise<Member | undefined>;
  /** Waits (up to `timeoutMs`) for a mail to `address`, newest first; `after` skips older mails. */
  latestMailTo(address: string, options?: { timeoutMs?: number; after?: Date }): Promise<CaughtMail>;
  close(): Promise<void>;
}

export async function startTestPortal(
  options: { env?: Record<string, string>; clock?: () => Date } = {},
): Promise<TestPortal> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-portal-"));
  const store = await testStore(options.env);
  const portal = await startPortal({
    port: 0,
    dataDir,
    env: { NODE_ENV: "test", ...store.env, ...options.env },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    portal,
    origin: portal.origin,
    async addMember(input) {
      return insertMember(portal.db, {
        userId: input.userId,
        name: input.name ?? "",
        birthDate: input.birthDate,
        passwordHash: await hashPassword(input.password),
        at: Date.now(),
      });
    },
    member: (userId) => findMemberByUserId(portal.db, userId),
    async latestMailTo(address, { timeoutMs = 10_000, after } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = portal.mail
          ?.messages()
          .find((m) => m.to.includes(address.toLowerCase()) && (!after || m.receivedAt >= after));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await portal.close();
      await store.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first http(s) link in a mail's text. */
export function linkIn(mail: CaughtMail): string {
  const match = /https?:\/\/\S+/.exec(mail.text);
  if (!match) throw new Error(`no link in mail "${mail.subject}"`);
  return match[0];
}

/** The member's security events as "type:detail" lines (what `npm run members -- events` shows), any order. */
export async function securityEventLines(portal: TestPortal, memberId: string): Promise<string[]> {
  return (await listSecurityEvents(portal.portal.db, memberId, 1000)).map((e) => `${e.type}:${e.detail}`);
}

/** A TOTP device as the setup page stores it (secret sealed to its row), never used yet; returns the secret. */
export async function addTotpDevice(portal: TestPortal, memberId: string, name: string): Promise<string> {
  const secret = generateTotpSecret();
  const id = randomUUID();
  await insertTotpDevice(portal.portal.db, {
    id,
    member_id: memberId,
    name,
    secret_sealed: portal.portal.deps.secretBox.seal(secret, `totp:${id}`),
    last_used_step: null,
    created_at: portal.portal.deps.clock().getTime(),
    last_used_at: null,
  });
  return secret;
}
