// The mail outbox on SQLite and on PostgreSQL (a throwaway schema on 127.0.0.1:5432): a mail is queued only
// with its transaction, sealed; each due message is claimed by exactly one claimer, also when two database
// connections (two instances) claim at once; failures retry with doubling back-off and end as "failed"
// without their body; a dead sender's claim expires; the worker sends what is due and drops the body.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../../../portal/db/database";
import { claimDueMails, countOutboxMails, markMailSent } from "../../../../portal/db/mail-outbox";
import type { Database, OutboxMail } from "../../../../portal/db/schema";
import { inTransaction } from "../../../../portal/db/transaction";
import { changeAndMail, deliveryOf, queueInto } from "../../../../portal/mail/outbox";
import {
  createOutboxWorker,
  DEFAULT_OUTBOX_OPTIONS,
  type OutboxOptions,
  retryDelayMs,
} from "../../../../portal/mail/outbox-worker";
import type { MailMessage } from "../../../../portal/mail/transport";
import { purgeExpired } from "../../../../portal/maintenance";
import { throwawaySchema } from "../support/postgres";
import { createTestDeps, type TestDeps } from "../support/test-deps";

interface Store {
  deps: TestDeps;
  /** A second connection to the same database, as another instance has (SQLite: another handle on the file). */
  other: Kysely<Database>;
  close(): Promise<void>;
}

async function sqliteStore(): Promise<Store> {
  const deps = await createTestDeps();
  const other = openDatabase({ dataDir: deps.config.dataDir, databaseUrl: null });
  return {
    deps,
    other,
    async close() {
      await other.destroy();
      await deps.cleanup();
    },
  };
}

async function postgresStore(): Promise<Store | null> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-outbox-pg-"));
  const schema = await throwawaySchema(dataDir);
  if (!schema) return null;
  const deps = await createTestDeps();
  await deps.db.destroy();
  deps.db = schema.db;
  const other = openDatabase({ dataDir, databaseUrl: schema.url });
  return {
    deps,
    other,
    async close() {
      await deps.outbox.stop();
      await other.destroy();
      await schema.drop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(deps.config.dataDir, { recursive: true, force: true });
    },
  };
}

const mail = (n: number): MailMessage => ({
  to: `member${n}@example.jp`,
  subject: `mail ${n}`,
  text: `https://portal.example/verify-email?token=secret-${n}`,
});

/** A mailer that fails (like an SMTP server that is down) while `down` is true. */
function switchableMailer(deps: TestDeps) {
  const state = { down: false, permanent: false };
  deps.mailer = {
    async send(message) {
      if (state.permanent) throw Object.assign(new Error("550 no such user"), { responseCode: 550 });
      if (state.down)
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:2525"), { code: "ESOCKET" });
      deps.sent.push(message);
    },
  };
  return state;
}

async function rows(deps: TestDeps): Promise<OutboxMail[]> {
  return deps.db.selectFrom("mail_outbox").selectAll().orderBy("created_at").execute();
}

const FAST: Partial<OutboxOptions> = { baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 4 };

describe("retryDelayMs", () => {
  it("doubles from the base up to the cap, within ±20 %", () => {
    const options = { ...DEFAULT_OUTBOX_OPTIONS, baseDelayMs: 1_000, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, options, () => 0.5))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
    expect(retryDelayMs(1, options, () => 0)).toBe(800);
    expect(retryDelayMs(1, options, () => 1)).toBe(1_200);
  });
});

for (const [name, open] of [
  ["SQLite", sqliteStore],
  ["PostgreSQL", postgresStore],
] as const) {
  describe(`mail outbox on ${name}`, () => {
    let store: Store | null;
    let deps: TestDeps;
    beforeEach(async () => {
      store = await open();
      if (store) deps = store.deps;
    });
    afterEach(async () => {
      await store?.close();
    });

    it("queues a mail only with its transaction, sealed", async (context) => {
      if (!store) return context.skip();
      await expect(
        inTransaction(deps.db, async (trx) => {
          await queueInto(deps, trx)({ kind: "user-id", message: mail(1) });
          throw new Error("the change failed");
        }),
      ).rejects.toThrow("the change failed");
      expect(await rows(deps)).toEqual([]);

      await inTransaction(deps.db, (trx) =>
        queueInto(deps, trx)({ kind: "email-verification", message: mail(2), ref: "r:2", memberId: "m2" }),
      );
      const [row] = await rows(deps);
      expect(row).toMatchObject({ status: "pending", attempts: 0, ref: "r:2", member_id: "m2" });
      // Neither the address nor the link is readable in the database.
      expect(row?.body_sealed).not.toContain("member2");
      expect(row?.body_sealed).not.toContain("secret-2");
      expect(await deliveryOf(deps.db, "r:2")).toBe("delayed");
    });

    it("gives each due mail to exactly one of two connections claiming at once", async (context) => {
      if (!store) return context.skip();
      const other = store.other;
      for (let n = 0; n < 40; n++) await queueInto(deps, deps.db)({ kind: "user-id", message: mail(n) });
      const at = deps.clock().getTime();
      const claimAll = async (db: Kysely<Database>, token: string) => {
        const got: string[] = [];
        for (;;) {
          const batch = await claimDueMails(db, { at, leaseMs: 60_000, limit: 3, token });
          if (batch.length === 0) return got;
          got.push(...batch.map((m) => m.id));
        }
      };
      const [a, b] = await Promise.all([claimAll(deps.db, "a"), claimAll(other, "b")]);
      expect(a.length + b.length).toBe(40);
      expect(new Set([...a, ...b]).size).toBe(40);
      const counts = await countOutboxMails(deps.db);
      expect(counts).toMatchObject({ pending: 0, sending: 40 });
    });

    it("retries with doubling back-off, then fails keeping no body", async (context) => {
      if (!store) return context.skip();
      const smtp = switchableMailer(deps);
      smtp.down = true;
      const worker = createOutboxWorker(deps, FAST);
      await changeAndMail({ ...deps, outbox: worker }, (_trx, queue) =>
        queue({ kind: "mail-otp", message: mail(1), ref: "otp:1" }),
      );
      await worker.settle(10_000);
      let [row] = await rows(deps);
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row?.last_error).toContain("ECONNREFUSED");
      const firstWait = Number(row?.next_attempt_at) - deps.clock().getTime();
      expect(firstWait).toBeGreaterThanOrEqual(800);
      expect(firstWait).toBeLessThanOrEqual(1_200);

      // Not due yet: a kick sends nothing.
      deps.advance(firstWait - 1);
      await worker.settle(10_000);
      expect((await rows(deps))[0]?.attempts).toBe(1);
      deps.advance(1);
      await worker.settle(10_000);
      [row] = await rows(deps);
      expect(row).toMatchObject({ status: "pending", attempts: 2 });
      const secondWait = Number(row?.next_attempt_at) - deps.clock().getTime();
      expect(secondWait).toBeGreaterThanOrEqual(1_600);
      expect(secondWait).toBeLessThanOrEqual(2_400);

      for (let attempt = 3; attempt <= 4; attempt++) {
        deps.advance(10_000);
        await worker.settle(10_000);
      }
      [row] = await rows(deps);
      expect(row).toMatchObject({ status: "failed", attempts: 4, body_sealed: null });
      expect(await deliveryOf(deps.db, "otp:1")).toBe("failed");
      deps.advance(60_000);
      smtp.down = false;
      await worker.settle(10_000);
      expect(deps.sent).toEqual([]);
    });

    it("gives up at once on a permanent (5xx) refusal", async (context) => {
      if (!store) return context.skip();
      switchableMailer(deps).permanent = true;
      await queueInto(deps, deps.db)({ kind: "user-id", message: mail(1) });
      await deps.outbox.settle(10_000);
      expect((await rows(deps))[0]).toMatchObject({ status: "failed", attempts: 1, body_sealed: null });
      expect((await rows(deps))[0]?.last_error).not.toContain("@");
    });

    it("sends when the server is back, once, and drops the body", async (context) => {
      if (!store) return context.skip();
      const smtp = switchableMailer(deps);
      smtp.down = true;
      await changeAndMail(deps, (_trx, queue) =>
        queue({ kind: "email-verification", message: mail(7), ref: "v:7" }),
      );
      await deps.outbox.settle(10_000);
      expect(await deliveryOf(deps.db, "v:7")).toBe("delayed");
      smtp.down = false;
      deps.advance(DEFAULT_OUTBOX_OPTIONS.baseDelayMs * 2);
      await deps.outbox.settle(10_000);
      await deps.outbox.settle(10_000);
      expect(deps.sent).toEqual([mail(7)]);
      expect((await rows(deps))[0]).toMatchObject({ status: "sent", body_sealed: null, attempts: 2 });
      expect(await deliveryOf(deps.db, "v:7")).toBe("sent");
    });

    it("takes back a claim whose sender died once its lease has run out; the dead claim cannot settle", async (context) => {
      if (!store) return context.skip();
      await queueInto(deps, deps.db)({ kind: "user-id", message: mail(3) });
      const at = deps.clock().getTime();
      const [dead] = await claimDueMails(deps.db, { at, leaseMs: 60_000, limit: 5, token: "dead" });
      expect(dead).toBeDefined();
      expect(
        await claimDueMails(deps.db, { at: at + 59_999, leaseMs: 60_000, limit: 5, token: "x" }),
      ).toEqual([]);
      const [again] = await claimDueMails(store.other, {
        at: at + 60_000,
        leaseMs: 60_000,
        limit: 5,
        token: "live",
      });
      expect(again).toMatchObject({ id: dead?.id, attempts: 2, claim_token: "live" });
      expect(await markMailSent(deps.db, { id: dead?.id ?? "", token: "dead", at })).toBe(false);
      expect(await markMailSent(deps.db, { id: dead?.id ?? "", token: "live", at })).toBe(true);
    });

    it("gives up a waiting mail whose link or code has expired instead of sending it", async (context) => {
      if (!store) return context.skip();
      const smtp = switchableMailer(deps);
      smtp.down = true;
      const at = deps.clock().getTime();
      await queueInto(deps, deps.db)({ kind: "mail-otp", message: mail(4), discardAfter: at + 10_000 });
      await deps.outbox.settle(10_000);
      smtp.down = false;
      deps.advance(10_000);
      await deps.outbox.settle(10_000);
      expect(deps.sent).toEqual([]);
      expect((await rows(deps))[0]).toMatchObject({ status: "failed", body_sealed: null });
    });

    it("housekeeping forgets settled mails after the retention, never waiting ones", async (context) => {
      if (!store) return context.skip();
      const smtp = switchableMailer(deps);
      await queueInto(deps, deps.db)({ kind: "user-id", message: mail(1) });
      await deps.outbox.settle(10_000); // sent
      smtp.down = true;
      await queueInto(deps, deps.db)({ kind: "user-id", message: mail(2) });
      await deps.outbox.settle(10_000); // pending (retry)
      deps.advance(8 * 24 * 60 * 60_000);
      await purgeExpired(deps);
      expect((await rows(deps)).map((row) => row.status)).toEqual(["pending"]);
    });

    it("drain sends what is due and then stops", async (context) => {
      if (!store) return context.skip();
      for (let n = 0; n < 5; n++) await queueInto(deps, deps.db)({ kind: "user-id", message: mail(n) });
      await deps.outbox.drain(Date.now() + 10_000);
      expect(deps.sent).toHaveLength(5);
      await queueInto(deps, deps.db)({ kind: "user-id", message: mail(9) });
      deps.outbox.kick();
      await deps.outbox.stop();
      expect(deps.sent).toHaveLength(5);
    });
  });
}
