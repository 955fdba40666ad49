// セキュリティ設定 through app.request(): the page lists the member's own factors, sessions and events;
// renaming, removing and switching the method need a recent 本人確認 and keep at least one way to sign in;
// the password change checks the current password and rotates the token; sessions end one by one or all
// others — never another member's.
import { describe, expect, it } from "vitest";
import { totpCodeAt, totpStep } from "../../../../portal/auth/totp";
import { findMemberById } from "../../../../portal/db/members";
import { listMemberSessions } from "../../../../portal/db/sessions";
import { listTotpDevices } from "../../../../portal/db/totp-devices";
import { memberPastFirstLogin, PASSWORD, testAppForFile } from "../support/flow-test-app";
import type { HttpClient } from "../support/http-client";
import type { TestApp } from "../support/test-app";

let portal: TestApp;
let time = Date.parse("2026-11-25T09:00:10Z");
const clock = () => new Date(time);

testAppForFile({ clock }, (started) => {
  portal = started;
});

interface SignedIn {
  browser: HttpClient;
  memberId: string;
  secrets: string[];
}

/** A member with `devices` app devices (TOTP chosen, address confirmed), signed in fully with the first. */
async function signedIn(userId: string, devices = 1): Promise<SignedIn> {
  const member = await memberPastFirstLogin(portal, { userId, method: "totp", at: time });
  const secrets: string[] = [];
  for (let i = 0; i < devices; i++) secrets.push(await portal.addTotpDevice(member.id, `device ${i + 1}`));
  const browser = portal.client();
  await browser.post("/login", { user_id: userId, password: PASSWORD });
  time += 30_000; // a fresh time step for every sign-in of this file
  const code = totpCodeAt(secrets[0]!, totpStep(clock()));
  expect((await browser.post("/login/second-factor/totp", { otp: code })).headers.get("location")).toBe("/");
  return { browser, memberId: member.id, secrets };
}

const deviceIds = async (memberId: string) => (await listTotpDevices(portal.db, memberId)).map((d) => d.id);

describe("the security page", () => {
  it("shows only the member's own factors, this browser and the event log", async () => {
    const { browser } = await signedIn("kaori", 2);
    await signedIn("other-member");
    const page = await (await browser.get("/security")).text();
    expect(page).toContain("device 1");
    expect(page).toContain("device 2");
    expect(page).toContain("このブラウザ");
    expect(page).not.toContain("other-member");
    expect(page).toContain("<td>追加認証に成功</td>");
  });

  it("renames and removes factors within five minutes of the sign-in, but never the last one", async () => {
    const { browser, memberId } = await signedIn("kazuo", 2);
    const [first, second] = await deviceIds(memberId);
    expect(
      (await browser.post(`/security/factors/totp/${first}/rename`, { name: "会社のPC" })).headers.get(
        "location",
      ),
    ).toBe("/security?done=saved");
    expect(
      (await browser.post(`/security/factors/totp/${first}/rename`, { name: "" })).headers.get("location"),
    ).toBe("/security?error=name");
    expect((await listTotpDevices(portal.db, memberId))[0]?.name).toBe("会社のPC");

    const sentAt = new Date();
    expect((await browser.post(`/security/factors/totp/${second}/remove`)).headers.get("location")).toBe(
      "/security?done=removed",
    );
    expect((await portal.latestMailTo("kazuo@example.jp", { after: sentAt })).text).toContain("device 2");
    expect((await browser.post(`/security/factors/totp/${first}/remove`)).headers.get("location")).toBe(
      "/security?error=last-factor",
    );
    expect(await deviceIds(memberId)).toEqual([first]);

    time += 5 * 60_000 + 1;
    expect(
      (await browser.post(`/security/factors/totp/${first}/rename`, { name: "late" })).headers.get(
        "location",
      ),
    ).toBe("/security/reauth?next=%2Fsecurity");
    expect((await listTotpDevices(portal.db, memberId))[0]?.name).toBe("会社のPC");
  });

  it("does not touch another member's factor", async () => {
    const { browser } = await signedIn("keiko");
    const victim = await signedIn("kenta");
    const [theirs] = await deviceIds(victim.memberId);
    expect((await browser.post(`/security/factors/totp/${theirs}/rename`, { name: "mine" })).status).toBe(
      404,
    );
    expect((await browser.post(`/security/factors/totp/${theirs}/remove`)).status).toBe(404);
    expect(await deviceIds(victim.memberId)).toEqual([theirs]);
  });

  it("switches the method only to one that is set up, and mails a notice", async () => {
    const { browser, memberId } = await signedIn("kimiko");
    expect((await browser.post("/security/method", { method: "passkey" })).headers.get("location")).toBe(
      "/security",
    );
    expect((await findMemberById(portal.db, memberId))?.auth_method).toBe("totp");
    const sentAt = new Date();
    expect((await browser.post("/security/method", { method: "mail" })).headers.get("location")).toBe(
      "/security?done=saved",
    );
    expect((await findMemberById(portal.db, memberId))?.auth_method).toBe("mail");
    expect((await portal.latestMailTo("kimiko@example.jp", { after: sentAt })).text).toContain("メール");
    expect(await portal.eventLines(memberId)).toContain("method-changed:mail");
  });

  it("changes the password with the current one, rotates the token and can end the other sessions", async () => {
    const { browser, memberId } = await signedIn("koji");
    const other = portal.client();
    await other.post("/login", { user_id: "koji", password: PASSWORD });
    const wrong = await browser.post("/security/password", {
      current_password: "not the password",
      new_password: "another long passphrase 2026",
      confirm_password: "another long passphrase 2026",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("現在のパスワードが正しくありません。");
    const same = await browser.post("/security/password", {
      current_password: PASSWORD,
      new_password: PASSWORD,
      confirm_password: PASSWORD,
    });
    expect(same.status).toBe(400);

    const before = browser.cookie();
    const changed = await browser.post("/security/password", {
      current_password: PASSWORD,
      new_password: "another long passphrase 2026",
      confirm_password: "another long passphrase 2026",
      sign_out_others: "on",
    });
    expect(changed.headers.get("location")).toBe("/security?done=password");
    expect(browser.cookie()).not.toBe(before);
    expect((await browser.get("/security")).status).toBe(200);
    expect(await listMemberSessions(portal.db, memberId)).toHaveLength(1);
    expect((await other.get("/login/second-factor")).headers.get("location")).toBe("/login");
    expect(await portal.eventLines(memberId)).toEqual(
      expect.arrayContaining(["password-changed:security-page", "sessions-ended:password-change"]),
    );
  });

  it("ends one other session, or all others, but not another member's and not its own by id", async () => {
    const { browser, memberId } = await signedIn("kumi");
    const second = portal.client();
    await second.post("/login", { user_id: "kumi", password: PASSWORD });
    const third = portal.client();
    await third.post("/login", { user_id: "kumi", password: PASSWORD });
    const stranger = await signedIn("kyoko");
    const [strangerSession] = await listMemberSessions(portal.db, stranger.memberId);

    const sessions = await listMemberSessions(portal.db, memberId);
    expect(sessions).toHaveLength(3);
    const current = sessions.find((s) => s.level === "full")!;
    const secondId = sessions.find((s) => s.id !== current.id)!.id;
    expect((await browser.post(`/security/sessions/${secondId}/end`)).headers.get("location")).toBe(
      "/security?done=signed-out",
    );
    await browser.post(`/security/sessions/${current.id}/end`);
    await browser.post(`/security/sessions/${strangerSession!.id}/end`);
    expect((await listMemberSessions(portal.db, memberId)).map((s) => s.id)).not.toContain(secondId);
    expect(await listMemberSessions(portal.db, memberId)).toHaveLength(2);
    expect(await listMemberSessions(portal.db, stranger.memberId)).toHaveLength(1);

    await browser.post("/security/sessions/end-others");
    expect((await listMemberSessions(portal.db, memberId)).map((s) => s.id)).toEqual([current.id]);
    expect((await browser.get("/security")).status).toBe(200);
  });

  it("sends a password-level or absent session away", async () => {
    const anonymous = portal.client();
    expect((await anonymous.get("/security")).headers.get("location")).toBe("/login");
    expect((await anonymous.post("/security/sessions/end-others")).headers.get("location")).toBe("/login");
    const member = await memberPastFirstLogin(portal, {
      userId: "laura",
      method: "totp",
      at: time,
      email: false,
    });
    await portal.addTotpDevice(member.id, "phone");
    const halfway = portal.client();
    await halfway.post("/login", { user_id: "laura", password: PASSWORD });
    expect((await halfway.get("/security")).headers.get("location")).toBe("/login/second-factor");
    expect((await halfway.post("/security/method", { method: "mail" })).headers.get("location")).toBe(
      "/login/second-factor",
    );
  });
});
