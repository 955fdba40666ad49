// What the screens say about their mail, through app.request() with the real outbox and a clock the test
// moves: while the SMTP server refuses, the e-mail step says 「送信が遅れています」 and 再送信 tries the waiting
// mail again instead of queueing a second link; a mail refused for good says it could not be sent and 再送信
// then sends a new link. The mail-code screen likewise, without a second copy of the code.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { updateMember } from "../../../../portal/db/members";
import type { Mailer } from "../../../../portal/mail/transport";
import { startTestApp, type TestApp } from "../support/test-app";

let portal: TestApp;
let time = Date.parse("2026-11-25T09:00:00Z");
let smtp: Mailer;

beforeEach(async () => {
  portal = await startTestApp({ clock: () => new Date(time) });
  smtp = portal.deps.mailer;
});
afterEach(async () => {
  await portal?.close();
});

const down = (permanent = false) => {
  portal.deps.mailer = {
    async send() {
      throw Object.assign(new Error(permanent ? "550 mailbox unavailable" : "connect ECONNREFUSED"), {
        responseCode: permanent ? 550 : undefined,
      });
    },
  };
};
const up = () => {
  portal.deps.mailer = smtp;
};
const outbox = () => portal.db.selectFrom("mail_outbox").selectAll().orderBy("created_at").execute();
const liveLinks = () =>
  portal.db.selectFrom("email_verifications").selectAll().where("used_at", "is", null).execute();

async function atEmailStep(userId: string) {
  const member = await portal.addMember({ userId, password: `initial-${userId}`, birthDate: "1980-04-01" });
  await updateMember(portal.db, member.id, {
    birth_date_confirmed_at: time,
    terms_accepted_at: time,
    updated_at: time,
  });
  const browser = portal.client();
  await browser.post("/login", { user_id: userId, password: `initial-${userId}` });
  return browser;
}

describe("the e-mail step tells the truth about its mail", () => {
  it("delayed → 再送信 retries the same mail → sent once, and its link works", async () => {
    const browser = await atEmailStep("delay01");
    down();
    await browser.post("/first-login/email", { email: "delay01@example.jp" });
    expect(await (await browser.get("/first-login/email")).text()).toContain(
      "delay01@example.jp 宛ての確認メールの送信が遅れています。",
    );
    time += 61_000;
    await browser.post("/first-login/email/resend");
    expect(await liveLinks()).toHaveLength(1); // no second link
    expect(await outbox()).toMatchObject([{ status: "pending", attempts: 2 }]);
    expect(await (await browser.get("/first-login/email?resent=1")).text()).toContain("送信が遅れています");

    up();
    time += 61_000;
    await browser.post("/first-login/email/resend");
    const page = await (await browser.get("/first-login/email?resent=1")).text();
    expect(page).toContain("確認メールを再送信しました。");
    expect(page).not.toContain("送信が遅れています");
    const mail = await portal.latestMailTo("delay01@example.jp");
    expect(portal.mail.messages().filter((m) => m.to.includes("delay01@example.jp"))).toHaveLength(1);
    expect(await outbox()).toMatchObject([{ status: "sent", body_sealed: null }]);
    const token = /token=([\w-]+)/.exec(mail.text)?.[1] ?? "";
    expect((await browser.post("/verify-email", { token })).status).toBe(200);
    expect((await browser.get("/first-login/email")).headers.get("location")).toBe("/first-login/method");
  });

  it("failed → says so, and 再送信 sends a new link", async () => {
    const browser = await atEmailStep("fail01");
    down(true);
    await browser.post("/first-login/email", { email: "fail01@example.jp" });
    expect(await (await browser.get("/first-login/email")).text()).toContain(
      "fail01@example.jp 宛ての確認メールを送信できませんでした。",
    );
    up();
    time += 61_000;
    await browser.post("/first-login/email/resend");
    expect(await (await browser.get("/first-login/email?resent=1")).text()).toContain(
      "確認メールを再送信しました。",
    );
    expect((await outbox()).map((m) => m.status)).toEqual(["failed", "sent"]);
    expect(await liveLinks()).toHaveLength(1);
  });
});

describe("the mail-code screen tells the truth about its code", () => {
  it("says the code could not be sent yet; 再送信 retries it without a second copy", async () => {
    const member = await portal.addMember({
      userId: "code01",
      password: "a long enough password",
      birthDate: "1980-04-01",
    });
    await updateMember(portal.db, member.id, {
      password_is_initial: 0,
      first_login_completed_at: time,
      auth_method: "mail",
      email: "code01@example.jp",
      email_verified_at: time,
      updated_at: time,
    });
    const browser = portal.client();
    await browser.post("/login", { user_id: "code01", password: "a long enough password" });
    down();
    expect(await (await browser.get("/login/second-factor/mail")).text()).toContain(
      "code01@example.jp 宛てのワンタイムパスワードのメールは、まだ送信できていません。",
    );
    up();
    time += 61_000;
    await browser.post("/login/second-factor/mail/resend");
    const page = await (await browser.get("/login/second-factor/mail?resent=1")).text();
    expect(page).toContain("ワンタイムパスワードを再送信しました。");
    const mail = await portal.latestMailTo("code01@example.jp");
    expect(await outbox()).toMatchObject([{ status: "sent", attempts: 2 }]);
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? "";
    expect((await browser.post("/login/second-factor/mail", { otp: code })).headers.get("location")).toBe(
      "/",
    );
  });
});
