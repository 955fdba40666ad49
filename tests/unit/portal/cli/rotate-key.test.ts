// `npm run rotate-key` on a real SQLite database whose key is in DATA_DIR: a member's TOTP secret, a live mail
// code, a live reset link's sealed token and a waiting outbox mail are re-encrypted under a new key in one
// transaction; the old key file is kept as a backup but no longer needed — the member still signs in with
// the authenticator's code, and the mail still goes out. A value the current key cannot open changes nothing.
import { readdirSync, readFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { issueMailOtp, mailOtpRowOf } from "../../../../portal/auth/mail-otp";
import { createSecretBox, parseSecretKey } from "../../../../portal/auth/secret-box";
import { totpCodeAt, totpStep } from "../../../../portal/auth/totp";
import { reencryptSealedValues } from "../../../../portal/cli/key-rotation";
import { rotateKeyCommand } from "../../../../portal/cli/rotate-key";
import { loadConfig } from "../../../../portal/config";
import { openDatabase } from "../../../../portal/db/database";
import { saveMailOtp } from "../../../../portal/db/mail-otp";
import { updateMember } from "../../../../portal/db/members";
import { openMessage, queueInto } from "../../../../portal/mail/outbox";
import { tempDirsPerTest } from "../../support/temp-dirs";
import { throwawaySchema } from "../support/postgres";
import { startTestApp, type TestApp } from "../support/test-app";

const PASSWORD = "a long enough password";
const scratchDir = tempDirsPerTest("kosmo-rotate-");
const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function portalIn(dataDir: string): Promise<TestApp> {
  // SQLite in DATA_DIR even under TEST_STORE=postgres: `rotate` opens the same DATA_DIR (PostgreSQL: below).
  const app = await startTestApp({ env: { DATA_DIR: dataDir, DATABASE_URL: "" } });
  apps.push(app);
  return app;
}

async function rotate(dataDir: string, lines: string[] = []): Promise<void> {
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir });
  const db = openDatabase(config);
  try {
    await rotateKeyCommand(
      { config, keyFromEnvironment: false, db, out: (line) => lines.push(line), clock: () => new Date() },
      {},
    );
  } finally {
    await db.destroy();
  }
}

const keyIn = (dataDir: string) => readFileSync(path.join(dataDir, "portal-secret.key"), "utf8");

describe("rotate-key", () => {
  it("re-encrypts every sealed value under a new key; the member's TOTP still verifies without the old key", async () => {
    const dataDir = scratchDir();
    const before = await portalIn(dataDir);
    const member = await before.addMember({ userId: "rotor", password: PASSWORD, birthDate: "1980-04-01" });
    const at = Date.now();
    await updateMember(before.db, member.id, {
      password_is_initial: 0,
      first_login_completed_at: at,
      auth_method: "totp",
      email: "rotor@example.jp",
      email_verified_at: at,
      updated_at: at,
    });
    const secret = await before.addTotpDevice(member.id, "phone");
    await before.db
      .insertInto("sessions")
      .values({
        id: "attempt-1",
        member_id: member.id,
        level: "password",
        created_at: at,
        last_seen_at: at,
        expires_at: at + 60_000,
        remember: 0,
        user_agent: null,
        ip: null,
      })
      .execute();
    const { code, record } = issueMailOtp(before.deps.secretBox, "attempt-1", at);
    await saveMailOtp(before.db, mailOtpRowOf(member.id, record));
    // A mail waiting in the outbox (queued, not yet sent: nothing kicks the worker).
    await queueInto(
      before.deps,
      before.db,
    )({
      kind: "user-id",
      message: { to: "rotor@example.jp", subject: "waiting", text: "rotor" },
    });
    const oldKey = keyIn(dataDir);
    await apps.pop()?.close();

    const lines: string[] = [];
    await rotate(dataDir, lines);
    expect(lines[0]).toContain("totp_devices 1");
    expect(lines[0]).toContain("mail_otp_codes 1");
    expect(lines[0]).toContain("mail_outbox 1");
    expect(keyIn(dataDir)).not.toBe(oldKey);
    const backups = readdirSync(dataDir).filter((name) => name.endsWith(".old"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, backups[0] ?? ""), "utf8")).toBe(oldKey);
    unlinkSync(path.join(dataDir, backups[0] ?? "")); // the old key is no longer needed

    const after = await portalIn(dataDir);
    const device = await after.db.selectFrom("totp_devices").selectAll().executeTakeFirstOrThrow();
    const oldBox = createSecretBox(parseSecretKey(oldKey));
    expect(() => oldBox.open(device.secret_sealed, `totp:${device.id}`)).toThrow();
    const browser = after.client();
    expect(
      (await browser.post("/login", { user_id: "rotor", password: PASSWORD })).headers.get("location"),
    ).toBe("/login/second-factor");
    const signedIn = await browser.post("/login/second-factor/totp", {
      otp: totpCodeAt(secret, totpStep(new Date())),
    });
    expect(signedIn.headers.get("location")).toBe("/");
    // The mail code still compares (its keyed hash was recomputed) and the waiting mail still goes out.
    const row = await after.db.selectFrom("mail_otp_codes").selectAll().executeTakeFirstOrThrow();
    expect(after.deps.secretBox.open(row.code_sealed, "mail-otp:attempt-1")).toBe(code);
    after.deps.outbox.kick();
    expect((await after.latestMailTo("rotor@example.jp")).subject).toBe("waiting");
  });

  it("changes nothing when a value does not open with the current key", async () => {
    const dataDir = scratchDir();
    const app = await portalIn(dataDir);
    const member = await app.addMember({ userId: "mixed", password: PASSWORD, birthDate: "1980-04-01" });
    await app.addTotpDevice(member.id, "good");
    const stranger = createSecretBox(Buffer.alloc(32, 7));
    await app.db
      .insertInto("totp_devices")
      .values({
        id: "foreign",
        member_id: member.id,
        name: "sealed elsewhere",
        secret_sealed: stranger.seal("JBSWY3DPEHPK3PXP", "totp:foreign"),
        last_used_step: null,
        created_at: 0,
        last_used_at: null,
      })
      .execute();
    const sealedBefore = await app.db
      .selectFrom("totp_devices")
      .select("secret_sealed")
      .orderBy("id")
      .execute();
    const oldKey = keyIn(dataDir);
    await apps.pop()?.close();
    await expect(rotate(dataDir)).rejects.toThrow(/totp_devices foreign: does not open/);
    expect(keyIn(dataDir)).toBe(oldKey);
    expect(readdirSync(dataDir).filter((name) => /\.(old|new)$/.test(name))).toEqual([]);
    const again = await portalIn(dataDir);
    expect(await again.db.selectFrom("totp_devices").select("secret_sealed").orderBy("id").execute()).toEqual(
      sealedBefore,
    );
  });

  it("re-encrypts on PostgreSQL too, in one transaction", async (context) => {
    const dataDir = scratchDir();
    const schema = await throwawaySchema(dataDir);
    if (!schema) return context.skip();
    try {
      const oldBox = createSecretBox(Buffer.alloc(32, 1));
      const newBox = createSecretBox(Buffer.alloc(32, 2));
      const clock = () => new Date();
      const id = await queueInto(
        { secretBox: oldBox, clock },
        schema.db,
      )({
        kind: "user-id",
        message: { to: "pg@example.jp", subject: "s", text: "t" },
      });
      const counts = await reencryptSealedValues(schema.db, oldBox, newBox);
      expect(counts.mail_outbox).toBe(1);
      const row = await schema.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow();
      expect(openMessage(newBox, id, row.body_sealed ?? "")).toEqual({
        to: "pg@example.jp",
        subject: "s",
        text: "t",
      });
      // Under the wrong "current" key nothing opens, and nothing changes.
      await expect(reencryptSealedValues(schema.db, oldBox, newBox)).rejects.toThrow(/does not open/);
      expect(
        (await schema.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow()).body_sealed,
      ).toBe(row.body_sealed);
    } finally {
      await schema.drop();
    }
  });
});
