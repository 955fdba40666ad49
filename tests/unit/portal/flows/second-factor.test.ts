// Second-factor rules through app.request() (no server, no browser): who may enrol, throttling of wrong
// codes, token rotation at the full level, the 5-minute re-authentication, CSRF on the JSON endpoints.
import { describe, expect, it } from "vitest";
import { totpCodeAt, totpStep } from "../../../../portal/auth/totp";
import { memberPastFirstLogin, PASSWORD, testAppForFile } from "../support/flow-test-app";
import type { TestApp } from "../support/test-app";

let portal: TestApp;
let time = Date.parse("2026-11-25T09:00:10Z");
const clock = () => new Date(time);
let secret: string;

testAppForFile({ clock }, async (started) => {
  portal = started;
  const member = await memberPastFirstLogin(portal, { userId: "kenji", method: "totp", at: time });
  secret = await portal.addTotpDevice(member.id, "phone");
});

const client = () => portal.client();

/** A browser still holding `cookie`, a session token that was rotated or ended, is sent to the sign-in. */
async function expectSignedOut(cookie: string): Promise<void> {
  const stale = client();
  stale.setCookie(cookie);
  expect((await stale.get("/")).headers.get("location")).toBe("/login");
}

const codeAt = (steps = 0) => totpCodeAt(secret, totpStep(clock()) + steps);

describe("second factor over HTTP", () => {
  it("does not let a password-level session enrol when a factor exists", async () => {
    const browser = client();
    expect(
      (await browser.post("/login", { user_id: "kenji", password: PASSWORD })).headers.get("location"),
    ).toBe("/login/second-factor");
    expect((await browser.get("/login/totp-setup")).headers.get("location")).toBe("/login/second-factor");
    expect((await browser.get("/login/passkey-setup")).headers.get("location")).toBe("/login/second-factor");
    expect((await browser.postJson("/passkey/register/options", {})).status).toBe(403);
    expect((await browser.get("/security")).headers.get("location")).toBe("/login/second-factor");
    expect((await browser.get("/")).headers.get("location")).toBe("/login/second-factor");
  });

  it("throttles wrong codes per account, then rotates the session token on success", async () => {
    const browser = client();
    await browser.post("/login", { user_id: "kenji", password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      expect((await browser.post("/login/second-factor/totp", { otp: "000000" })).status).toBe(400);
    }
    const throttled = await browser.post("/login/second-factor/totp", { otp: codeAt() });
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toContain("しばらく時間をおいてから");

    time += 30_000;
    const passwordLevel = browser.cookie();
    const ok = await browser.post("/login/second-factor/totp", { otp: codeAt() });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/");
    expect(browser.cookie()).not.toBe(passwordLevel);
    expect((await browser.get("/")).status).toBe(200);

    await expectSignedOut(passwordLevel);
  });

  it("asks for the password again after 5 minutes before changing factors", async () => {
    const browser = client();
    await browser.post("/login", { user_id: "kenji", password: PASSWORD });
    time += 30_000; // a fresh step: the previous test used the current one
    expect((await browser.post("/login/second-factor/totp", { otp: codeAt() })).headers.get("location")).toBe(
      "/",
    );
    const device = await portal.db.selectFrom("totp_devices").select("id").executeTakeFirstOrThrow();
    const rename = `/security/factors/totp/${device.id}/rename`;
    expect((await browser.post(rename, { name: "within five minutes" })).headers.get("location")).toBe(
      "/security?done=saved",
    );
    time += 5 * 60_000 + 1;
    expect((await browser.post(rename, { name: "too late" })).headers.get("location")).toBe(
      "/security/reauth?next=%2Fsecurity",
    );
    expect((await browser.post("/security/reauth?next=%2Fsecurity", { password: "wrong" })).status).toBe(400);
    expect(
      (await browser.post("/security/reauth?next=%2Fsecurity", { password: PASSWORD })).headers.get(
        "location",
      ),
    ).toBe("/security");
    expect((await browser.post(rename, { name: "after re-auth" })).headers.get("location")).toBe(
      "/security?done=saved",
    );
    const renamed = await portal.db.selectFrom("totp_devices").select("name").executeTakeFirstOrThrow();
    expect(renamed.name).toBe("after re-auth");
    // The last factor of a TOTP member cannot go.
    expect((await browser.post(`/security/factors/totp/${device.id}/remove`)).headers.get("location")).toBe(
      "/security?error=last-factor",
    );
  });

  it("explains a dead end instead of looping when mail was chosen but no address is confirmed", async () => {
    await memberPastFirstLogin(portal, {
      userId: "no-mail",
      method: "mail",
      at: time,
      email: false,
    });
    const browser = client();
    await browser.post("/login", { user_id: "no-mail", password: PASSWORD });
    const page = await browser.get("/login/second-factor");
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("追加認証の方法が設定されていないため");
    expect((await browser.get("/login/second-factor/mail")).status).toBe(403);
    expect(portal.mail.messages().some((m) => m.to.includes("no-mail"))).toBe(false);
  });

  it("refuses cross-site requests to the passkey endpoints", async () => {
    const response = await portal.fetch(`${portal.origin}/passkey/passwordless/options`, {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(response.status).toBe(403);
  });

  it("gives passwordless options with a 32-byte challenge and no allow-list", async () => {
    const browser = client();
    const response = await browser.postJson("/passkey/passwordless/options", { autofill: false });
    const { options } = (await response.json()) as {
      options: { challenge: string; allowCredentials?: unknown[] };
    };
    expect(Buffer.from(options.challenge, "base64url")).toHaveLength(32);
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(browser.cookie()).toMatch(/^kosmo_webauthn=/);
  });

  it("caps anonymous passwordless options per client so the challenge table cannot be filled", async () => {
    const db = portal.db;
    await db.deleteFrom("attempts").where("scope", "=", "passwordless-options").execute();
    const challengeRows = async () =>
      Number(
        (
          await db
            .selectFrom("webauthn_challenges")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await challengeRows();
    const statuses: number[] = [];
    // A fresh cookie-less client each time: dropping the binding cookie must not reset the cap.
    for (let i = 0; i < 70; i++) {
      statuses.push((await client().postJson("/passkey/passwordless/options", { autofill: true })).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.slice(60)).toEqual(Array(10).fill(429));
    const refused = await client().postJson("/passkey/passwordless/options", {});
    expect(await refused.json()).toEqual({ error: "しばらく時間をおいてから、もう一度お試しください。" });
    expect((await challengeRows()) - before).toBe(60);
    // The wait grows: one more after a minute, then two minutes of refusal.
    time += 61_000;
    expect((await client().postJson("/passkey/passwordless/options", {})).status).toBe(200);
    expect((await client().postJson("/passkey/passwordless/options", {})).status).toBe(429);
    time += 61_000;
    expect((await client().postJson("/passkey/passwordless/options", {})).status).toBe(429);
  });
  it("gives a new session token when the password changes, and mails a notice", async () => {
    const browser = client();
    await browser.post("/login", { user_id: "kenji", password: PASSWORD });
    time += 30_000;
    expect((await browser.post("/login/second-factor/totp", { otp: codeAt() })).headers.get("location")).toBe(
      "/",
    );
    const before = browser.cookie();
    const sentAt = new Date();
    const next = "another long passphrase 2026";
    const changed = await browser.post("/security/password", {
      current_password: PASSWORD,
      new_password: next,
      confirm_password: next,
    });
    expect(changed.headers.get("location")).toBe("/security?done=password");
    expect(browser.cookie()).not.toBe(before);
    expect((await browser.get("/security")).status).toBe(200);
    await expectSignedOut(before);
    const notice = await portal.latestMailTo("kenji@example.jp", { after: sentAt });
    expect(notice.text).toContain("パスワードを変更しました");
  });

  it("ends the member's other sessions when the password changes, unless the member unticks the box", async () => {
    const fullyIn = async (password: string) => {
      const browser = client();
      await browser.post("/login", { user_id: "kenji", password });
      time += 30_000; // each sign-in uses a new TOTP step
      await browser.post("/login/second-factor/totp", { otp: codeAt() });
      expect((await browser.get("/security")).status).toBe(200);
      return browser;
    };
    let password = "another long passphrase 2026";
    // The security page offers the box ticked: a member who does nothing signs the other devices out.
    const here = await fullyIn(password);
    const page = await (await here.get("/security")).text();
    expect(page).toMatch(
      /<input id="password-sign-out-others" name="sign_out_others" type="checkbox" value="on" checked/,
    );
    const change = async (browser: typeof here, keep: boolean) => {
      const next = `${password} and more`;
      const fields: Record<string, string> = {
        current_password: password,
        new_password: next,
        confirm_password: next,
      };
      if (!keep) fields.sign_out_others = "on"; // what the browser posts for the ticked box
      const response = await browser.post("/security/password", fields);
      expect(response.headers.get("location")).toBe("/security?done=password");
      password = next;
    };
    const other = await fullyIn(password);
    await change(here, false);
    expect((await other.get("/security")).headers.get("location")).toBe("/login");
    expect((await here.get("/security")).status).toBe(200);
    // Unticked: the other devices stay signed in.
    const kept = await fullyIn(password);
    await change(here, true);
    expect((await kept.get("/security")).status).toBe(200);
  });
});
