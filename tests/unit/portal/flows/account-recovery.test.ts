// Forgot password / forgot user ID over HTTP with the real mail catcher: same answer whatever the input,
// reset link single use and 1 h, e-mail confirmation link single use and 24 h, cooldown on resend.
import { describe, expect, it } from "vitest";
import { clientRule } from "../../../../portal/auth/limiter";
import { updateMember } from "../../../../portal/db/members";
import type { Member, MemberUpdate } from "../../../../portal/db/schema";
import { RECOVERY_MAIL_LIMITS } from "../../../../portal/flows/account-recovery";
import { linkIn } from "../../../e2e/support/portal";
import { testAppForFile } from "../support/flow-test-app";
import type { TestApp } from "../support/test-app";

let portal: TestApp;
let time = Date.parse("2026-11-25T09:00:00Z");
const advance = (ms: number) => {
  time += ms;
};

/** A member in the first login (password `initial-<userId>`) with these fields set now. */
async function memberWith(userId: string, birthDate: string, fields: MemberUpdate): Promise<Member> {
  const member = await portal.addMember({ userId, password: `initial-${userId}`, birthDate });
  await updateMember(portal.db, member.id, { ...fields, updated_at: time });
  return member;
}

testAppForFile({ clock: () => new Date(time) }, async (started) => {
  portal = started;
  await memberWith("sachiko", "1988-08-08", {
    email: "sachiko@example.jp",
    email_verified_at: time,
    birth_date_confirmed_at: time,
    terms_accepted_at: time,
  });
  await portal.addMember({ userId: "unconfirmed", password: "initial-unconf", birthDate: "1988-08-08" });
});

const post = (path: string, fields: Record<string, string>, cookie = "") =>
  portal.fetch(`${portal.origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: portal.origin, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
const mainOf = async (response: Response) => /<main[^>]*>([\s\S]*)<\/main>/.exec(await response.text())?.[1];
const mailCount = () => portal.mail.messages().length;
/** Waits (up to `maxMs`) until `count()` reaches `atLeast`, then a further moment for mail still on its way. */
async function settledCount(count: () => number, atLeast: number, maxMs = 10_000): Promise<number> {
  for (let waited = 0; count() < atLeast && waited < maxMs; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 500));
  return count();
}

describe("forgot password", () => {
  it("answers the same for a match, a wrong birth date, an unknown ID and an unconfirmed address", async () => {
    const before = mailCount();
    const answers = await Promise.all(
      [
        { user_id: "nobody", birth_date: "1988-08-08" },
        { user_id: "sachiko", birth_date: "1988-08-09" },
        { user_id: "unconfirmed", birth_date: "1988-08-08" },
      ].map(async (fields) => mainOf(await post("/forgot-password", fields))),
    );
    const match = await mainOf(
      await post("/forgot-password", { user_id: "SACHIKO", birth_date: "1988-08-08" }),
    );
    for (const answer of answers) expect(answer).toBe(match);
    expect(match).toContain("パスワード再設定用のリンクを送信しました");
    await portal.latestMailTo("sachiko@example.jp");
    expect(mailCount()).toBe(before + 1);
  });

  it("resets with a single-use link, mails a notice, and refuses weak passwords without using the link", async () => {
    advance(RECOVERY_MAIL_LIMITS.cooldownMs);
    const sent = new Date(); // the catcher stamps mail with the real clock
    await post("/forgot-password", { user_id: "sachiko", birth_date: "1988-08-08" });
    const mail = await portal.latestMailTo("sachiko@example.jp", { after: sent });
    expect(mail.subject).toBe("【KOSMOWeb】パスワード再設定のご案内");
    const link = new URL(linkIn(mail));
    const token = link.searchParams.get("token") as string;
    expect((await portal.fetch(link.href)).status).toBe(200);

    const weak = await post("/reset-password", {
      token,
      new_password: "password1234",
      confirm_password: "password1234",
    });
    expect(weak.status).toBe(400);
    const good = "a long and private passphrase";
    const resetAt = new Date();
    const done = await post("/reset-password", { token, new_password: good, confirm_password: good });
    expect(done.headers.get("location")).toBe("/login?info=reset");
    // The member is told at the confirmed address, like any other password change.
    const notice = await portal.latestMailTo("sachiko@example.jp", { after: resetAt });
    expect(notice.subject).toBe("【KOSMOWeb】セキュリティ設定変更のお知らせ");
    expect(notice.text).toContain("「パスワードを忘れた方はこちら」からパスワードを再設定しました");
    expect(notice.text).not.toContain(good);
    const afterNotice = mailCount();
    const again = await post("/reset-password", {
      token,
      new_password: `${good}!`,
      confirm_password: `${good}!`,
    });
    expect(again.status).toBe(400);
    expect(await mainOf(again)).toContain("このリンクは無効か、有効期限が切れています");
    expect(mailCount()).toBe(afterNotice); // a refused reuse changes nothing and mails nothing

    const signIn = await post("/login", { user_id: "sachiko", password: good });
    expect(signIn.status).toBe(303);
  });

  it("expires the reset link after one hour", async () => {
    advance(RECOVERY_MAIL_LIMITS.cooldownMs);
    const sent = new Date(); // the catcher stamps mail with the real clock
    await post("/forgot-password", { user_id: "sachiko", birth_date: "1988-08-08" });
    const link = linkIn(await portal.latestMailTo("sachiko@example.jp", { after: sent }));
    advance(60 * 60_000);
    expect((await portal.fetch(link)).status).toBe(400);
  });
});

describe("recovery requests cannot flood the inbox or cancel the link", () => {
  const forgot = () =>
    portal
      .fetch(`${portal.origin}/forgot-password`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: portal.origin },
        body: new URLSearchParams({ user_id: "yoshiko", birth_date: "1970-07-07" }),
      })
      .then(mainOf);

  it("sends one mail for 25 requests at once, re-sends the same live link after the cooldown, and stops at the daily cap", async () => {
    const member = await memberWith("yoshiko", "1970-07-07", {
      email: "yoshiko@example.jp",
      email_verified_at: time,
    });
    const toYoshiko = () => portal.mail.messages().filter((m) => m.to.includes("yoshiko@example.jp"));
    const answers = await Promise.all(Array.from({ length: 25 }, () => forgot()));
    expect(new Set(answers).size).toBe(1);
    const first = linkIn(await portal.latestMailTo("yoshiko@example.jp"));
    expect(await settledCount(() => toYoshiko().length, 1)).toBe(1);

    // After the cooldown: the same link again (the one in the inbox stays valid), up to 5 mails a day.
    for (let mail = 2; mail <= RECOVERY_MAIL_LIMITS.perWindow + 2; mail++) {
      advance(RECOVERY_MAIL_LIMITS.cooldownMs);
      await forgot();
    }
    expect(await settledCount(() => toYoshiko().length, RECOVERY_MAIL_LIMITS.perWindow)).toBe(
      RECOVERY_MAIL_LIMITS.perWindow,
    );
    const links = toYoshiko().map(linkIn);
    expect(new Set(links)).toEqual(new Set([first]));
    expect((await portal.fetch(first)).status).toBe(200);
    const events = await portal.db
      .selectFrom("security_events")
      .select("detail")
      .where("member_id", "=", member.id)
      .where("type", "=", "password-reset-requested")
      .execute();
    expect(events.filter((e) => e.detail === "sent")).toHaveLength(1);
    expect(events.filter((e) => e.detail === "resent")).toHaveLength(RECOVERY_MAIL_LIMITS.perWindow - 1);
    // 24 of the burst were held by the member's cooldown; later ones by the cap, or by the client's limit.
    expect(events.filter((e) => e.detail === "held").length).toBeGreaterThanOrEqual(24);

    // A day later the cap starts again; the link from yesterday has expired, so a new one replaces it.
    advance(RECOVERY_MAIL_LIMITS.windowMs);
    await forgot();
    expect(await settledCount(() => toYoshiko().length, links.length + 1)).toBe(links.length + 1);
    const fresh = toYoshiko().map(linkIn);
    expect(new Set(fresh).size).toBe(2); // the newest mail has a new link
  });

  it("counts every request against the client's limit, matching or not", async () => {
    const attacker = (fields: Record<string, string>) =>
      portal.fetch(`${portal.origin}/forgot-user-id`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: portal.origin },
        body: new URLSearchParams(fields),
      });
    const before = mailCount();
    // The test's own address is one client: what earlier tests sent counts too.
    for (let i = 0; i < clientRule.freeFailures; i++)
      await attacker({ email: "sachiko@example.jp", birth_date: "1988-08-08" });
    expect((await settledCount(mailCount, before + 1)) - before).toBe(1);
    const rows = await portal.db.selectFrom("attempts").selectAll().where("scope", "=", "recovery").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.blocked_until).toBeGreaterThan(time);
    // Blocked now: even a request matching another member, who got no mail yet, mails nothing (same answer).
    const held = await attacker({ email: "yoshiko@example.jp", birth_date: "1970-07-07" });
    expect(held.status).toBe(200);
    expect((await settledCount(mailCount, before + 2, 1_500)) - before).toBe(1);
    advance(clientRule.resetAfterMs); // the client's count is forgotten: later tests start afresh
  });
});

describe("forgot user ID", () => {
  it("mails the ID for a match and answers the same otherwise", async () => {
    const before = mailCount();
    const miss = await mainOf(
      await post("/forgot-user-id", { email: "nobody@example.jp", birth_date: "1988-08-08" }),
    );
    const wrongDate = await mainOf(
      await post("/forgot-user-id", { email: "sachiko@example.jp", birth_date: "1990-01-01" }),
    );
    const sent = new Date(); // the catcher stamps mail with the real clock
    const hit = await mainOf(
      await post("/forgot-user-id", { email: "Sachiko@Example.jp", birth_date: "1988-08-08" }),
    );
    expect(miss).toBe(hit);
    expect(wrongDate).toBe(hit);
    const mail = await portal.latestMailTo("sachiko@example.jp", { after: sent });
    expect(mail.subject).toBe("【KOSMOWeb】ユーザIDのお知らせ");
    expect(mail.text).toContain("sachiko");
    expect(mailCount()).toBe(before + 1);
  });

  it("answers malformed input with a localized message", async () => {
    const response = await post("/forgot-user-id", { email: "not-an-address", birth_date: "1988-08-08" });
    expect(response.status).toBe(400);
    expect(await mainOf(response)).toContain("メールアドレスを正しく入力してください。");
    const longId = await post("/forgot-password", { user_id: "a".repeat(65), birth_date: "1988-08-08" });
    expect(longId.status).toBe(400);
    expect(await mainOf(longId)).toContain("ユーザIDは64文字以内で入力してください。");
    const control = await post("/forgot-password", { user_id: "sachi\u0007ko", birth_date: "1988-08-08" });
    expect(await mainOf(control)).toContain("ユーザIDに使用できない文字が含まれています。");
  });
});

describe("e-mail confirmation link", () => {
  it("has a resend cooldown and expires after 24 hours", async () => {
    await memberWith("kenji", "1979-03-03", {
      birth_date_confirmed_at: time,
      terms_accepted_at: time,
    });
    const signIn = await post("/login", { user_id: "kenji", password: "initial-kenji" });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const sent = new Date(); // the catcher stamps mail with the real clock
    expect((await post("/first-login/email", { email: "kenji@example.jp" }, cookie)).status).toBe(303);
    const first = linkIn(await portal.latestMailTo("kenji@example.jp", { after: sent }));
    const tooSoon = await post("/first-login/email/resend", {}, cookie);
    expect(tooSoon.status).toBe(429);
    expect(await mainOf(tooSoon)).toContain("秒後から行えます");
    advance(61_000);
    const resentAt = new Date();
    expect((await post("/first-login/email/resend", {}, cookie)).headers.get("location")).toBe(
      "/first-login/email?resent=1",
    );
    const second = linkIn(await portal.latestMailTo("kenji@example.jp", { after: resentAt }));
    expect(second).not.toBe(first);
    expect((await portal.fetch(first)).status).toBe(400); // a resend replaces the earlier link
    advance(24 * 60 * 60_000);
    expect((await portal.fetch(second)).status).toBe(400);
  });
});

describe("development mail inbox", () => {
  it("lists caught mail with clickable links outside production", async () => {
    const list = await portal.fetch(`${portal.origin}/dev/mail`);
    expect(list.status).toBe(200);
    const html = await list.text();
    const id = /href="\/dev\/mail\/([0-9a-f-]{36})"/.exec(html)?.[1];
    const message = await (await portal.fetch(`${portal.origin}/dev/mail/${id}`)).text();
    expect(message).toMatch(/<a href="http:\/\/localhost:\d+\/(reset-password|verify-email)\?token=/);
  });
});
