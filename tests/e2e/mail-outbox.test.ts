// The mail outbox end to end: real portal servers, the real SMTP catcher on loopback as the portal's
// SMTP_URL. With the SMTP server stopped, the member's e-mail step and mail-code screen say the mail is
// delayed; once the server is back the outbox delivers the mail, and its link or code works. Two portal
// instances on one PostgreSQL database send each queued mail exactly once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../portal/auth/password";
import { countOutboxMails } from "../../portal/db/mail-outbox";
import { insertMember, updateMember } from "../../portal/db/members";
import { type CaughtMail, type MailCatcher, startMailCatcher } from "../../portal/mail/catcher";
import { queueInto } from "../../portal/mail/outbox";
import { type RunningPortal, startPortal } from "../../portal/server";
import { httpClient } from "../unit/portal/support/http-client";
import { throwawaySchema } from "../unit/portal/support/postgres";
import { linkIn } from "./support/portal";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A portal whose SMTP_URL is the catcher on `smtpPort`, retrying after 0.3 s, 0.6 s, … (at most 1 s). */
async function portalOn(smtpPort: number, env: Record<string, string> = {}): Promise<RunningPortal> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-outbox-"));
  const portal = await startPortal({
    port: 0,
    dataDir,
    env: { NODE_ENV: "test", SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, ...env },
    outbox: { pollMs: 100, baseDelayMs: 300, maxDelayMs: 1_000 },
  });
  cleanups.push(async () => {
    await portal.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return portal;
}

async function catcherOn(port: number): Promise<MailCatcher> {
  const catcher = await startMailCatcher(port);
  cleanups.push(() => catcher.close());
  return catcher;
}

async function waitForMail(catcher: MailCatcher, to: string, timeoutMs = 20_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = catcher.messages().find((m) => m.to.includes(to));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A member past the birth date and terms (so the next step is the e-mail), signed in. */
async function signedInAtEmailStep(portal: RunningPortal, userId: string, changes = {}) {
  const member = await insertMember(portal.db, {
    userId,
    name: "",
    birthDate: "1980-04-01",
    passwordHash: await hashPassword(`initial-${userId}`),
    at: Date.now(),
  });
  const at = Date.now();
  await updateMember(portal.db, member.id, {
    birth_date_confirmed_at: at,
    terms_accepted_at: at,
    locale: "ja",
    updated_at: at,
    ...changes,
  });
  const browser = httpClient(portal.origin, fetch, { "accept-language": "ja" });
  const signIn = await browser.post("/login", { user_id: userId, password: `initial-${userId}` });
  expect(signIn.status).toBe(303);
  return browser;
}

describe("mail outbox with the SMTP server down", () => {
  it("says the confirmation mail is delayed, then delivers it when the server is back, and the link works", async () => {
    const first = await startMailCatcher(0);
    const smtpPort = first.port;
    const portal = await portalOn(smtpPort);
    await first.close(); // the SMTP server goes down

    const browser = await signedInAtEmailStep(portal, "outage01");
    const posted = await browser.post("/first-login/email", { email: "outage01@example.jp" });
    expect(posted.headers.get("location")).toBe("/first-login/email");
    const delayed = await (await browser.get("/first-login/email")).text();
    expect(delayed).toContain("outage01@example.jp 宛ての確認メールの送信が遅れています。");
    expect(delayed).not.toContain("確認メールを送信しました");

    const back = await catcherOn(smtpPort); // the server comes back
    const mail = await waitForMail(back, "outage01@example.jp");
    expect(mail.subject).toBe("【KOSMOWeb】メールアドレスの確認");
    const token = new URL(linkIn(mail)).searchParams.get("token") ?? "";
    expect((await browser.post("/verify-email", { token })).status).toBe(200);
    // The e-mail step is done: the first login moves on to the method.
    const refreshed = await browser.get("/first-login/email?refresh=1");
    expect(refreshed.headers.get("location")).toBe("/first-login/method");
    // Sent once, and nothing left waiting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(back.messages().filter((m) => m.to.includes("outage01@example.jp"))).toHaveLength(1);
    expect(await countOutboxMails(portal.db)).toMatchObject({ pending: 0, sending: 0, failed: 0 });
  });

  it("says the mail code could not be sent yet; the code arrives later and signs the member in", async () => {
    const first = await startMailCatcher(0);
    const smtpPort = first.port;
    const portal = await portalOn(smtpPort);
    await first.close();
    const at = Date.now();
    const browser = await signedInAtEmailStep(portal, "outage02", {
      email: "outage02@example.jp",
      email_verified_at: at,
      auth_method: "mail",
      password_is_initial: 0,
      password_changed_at: at,
      first_login_completed_at: at,
    });
    const screen = await (await browser.get("/login/second-factor/mail")).text();
    expect(screen).toContain("ワンタイムパスワードのメールは、まだ送信できていません。");

    const back = await catcherOn(smtpPort);
    const mail = await waitForMail(back, "outage02@example.jp");
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? "";
    const sentNow = await (await browser.get("/login/second-factor/mail")).text();
    expect(sentNow).toContain("outage02@example.jp 宛てにワンタイムパスワードを送信しました");
    const signedIn = await browser.post("/login/second-factor/mail", { otp: code });
    expect(signedIn.headers.get("location")).toBe("/");
  });
});

describe("two portal instances on one PostgreSQL database", () => {
  it("send each queued mail exactly once", async (context) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-outbox-pg-"));
    const schema = await throwawaySchema(dataDir);
    if (!schema) return context.skip();
    cleanups.push(async () => {
      await schema.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const catcher = await catcherOn(0);
    const env = { DATABASE_URL: schema.url, PORTAL_SECRET_KEY: "11".repeat(32) };
    const [a, b] = [await portalOn(catcher.port, env), await portalOn(catcher.port, env)];
    const total = 60;
    for (let n = 0; n < total; n++) {
      const from = n % 2 === 0 ? a : b;
      await queueInto(
        from.deps,
        from.db,
      )({
        kind: "user-id",
        message: { to: `pair${n}@example.jp`, subject: `mail ${n}`, text: `body ${n}` },
      });
      // Both instances' workers race for what is queued (besides polling every 100 ms).
      a.deps.outbox.kick();
      b.deps.outbox.kick();
    }
    const deadline = Date.now() + 30_000;
    while (catcher.messages().length < total && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // time for a duplicate to show up
    const subjects = catcher.messages().map((m) => m.subject);
    expect(subjects).toHaveLength(total);
    expect(new Set(subjects).size).toBe(total);
    expect(await countOutboxMails(a.db)).toMatchObject({ sent: total, pending: 0, sending: 0, failed: 0 });
  });
});
