// Manual 2-3 to 2-5 through app.request(): an authenticator app set up at the set-up sign-in (no factor yet)
// completes the sign-in; from the security page, after 本人確認, it adds another device. The secret stays the
// same across reloads, a wrong code changes nothing, the accepted code cannot be replayed.
import { describe, expect, it } from "vitest";
import { totpCodeAt, totpStep } from "../../../../portal/auth/totp";
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

/** A member past the first login who chose the app and has no device yet, signed in with the password. */
async function setUpSignIn(userId: string): Promise<{ browser: HttpClient; memberId: string }> {
  const member = await memberPastFirstLogin(portal, { userId, method: "totp", at: time });
  const browser = portal.client();
  expect(
    (await browser.post("/login", { user_id: userId, password: PASSWORD })).headers.get("location"),
  ).toBe("/login/second-factor");
  expect((await browser.get("/login/second-factor")).headers.get("location")).toBe("/login/totp-setup");
  return { browser, memberId: member.id };
}

/** The secret the set-up page shows, read back from its grouped form. */
async function shownSecret(browser: HttpClient, path: string): Promise<string> {
  const page = await browser.get(path);
  expect(page.status).toBe(200);
  const grouped = /<code id="totp-key">([A-Z2-7 ]+)<\/code>/.exec(await page.text());
  if (!grouped?.[1]) throw new Error("no secret on the set-up page");
  return grouped[1].replaceAll(" ", "");
}

describe("TOTP set-up at the set-up sign-in", () => {
  it("shows one secret across reloads, refuses a wrong code and completes the sign-in with the right one", async () => {
    const { browser, memberId } = await setUpSignIn("aiko");
    const secret = await shownSecret(browser, "/login/totp-setup");
    expect(await shownSecret(browser, "/login/totp-setup")).toBe(secret);
    expect((await browser.get("/")).headers.get("location")).toBe("/login/second-factor");

    const wrong = await browser.post("/login/totp-setup", { device_name: "phone", otp: "000000" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("ワンタイムパスワードが正しくありません");
    expect(await listTotpDevices(portal.db, memberId)).toEqual([]);

    const code = totpCodeAt(secret, totpStep(clock()));
    const sentAt = new Date();
    const done = await browser.post("/login/totp-setup", { device_name: "", otp: code });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/");
    expect((await browser.get("/")).status).toBe(200);
    const [device] = await listTotpDevices(portal.db, memberId);
    expect(device?.name).toBe("認証アプリ");
    expect(device?.last_used_step).toBe(totpStep(clock()));
    expect(await portal.eventLines(memberId)).toEqual(
      expect.arrayContaining(["second-factor:totp-enrolled", "factor-added:totp:認証アプリ"]),
    );
    expect((await portal.latestMailTo("aiko@example.jp", { after: sentAt })).text).toContain("認証アプリ");

    // The code just used cannot sign in again (replay), and set-up is closed now that a device exists.
    const again = portal.client();
    await again.post("/login", { user_id: "aiko", password: PASSWORD });
    expect((await again.get("/login/totp-setup")).headers.get("location")).toBe("/login/second-factor");
    expect((await again.post("/login/second-factor/totp", { otp: code })).status).toBe(400);
  });

  it("throttles wrong codes at set-up like at the sign-in", async () => {
    const { browser } = await setUpSignIn("bunta");
    const secret = await shownSecret(browser, "/login/totp-setup");
    for (let i = 0; i < 5; i++) {
      expect((await browser.post("/login/totp-setup", { otp: "000000" })).status).toBe(400);
    }
    const throttled = await browser.post("/login/totp-setup", { otp: totpCodeAt(secret, totpStep(clock())) });
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toContain("しばらく時間をおいてから");
  });

  it("refuses an over-long device name without using the code", async () => {
    const { browser, memberId } = await setUpSignIn("chie");
    const secret = await shownSecret(browser, "/login/totp-setup");
    const response = await browser.post("/login/totp-setup", {
      device_name: "x".repeat(101),
      otp: totpCodeAt(secret, totpStep(clock())),
    });
    expect(response.status).toBe(400);
    expect(await listTotpDevices(portal.db, memberId)).toEqual([]);
  });
});

describe("TOTP set-up from the security page", () => {
  it("needs a recent 本人確認, then adds a device and can end the other sessions", async () => {
    const { browser, memberId } = await setUpSignIn("daiki");
    const first = await shownSecret(browser, "/login/totp-setup");
    await browser.post("/login/totp-setup", {
      device_name: "phone",
      otp: totpCodeAt(first, totpStep(clock())),
    });
    const other = portal.client();
    await other.post("/login", { user_id: "daiki", password: PASSWORD });

    time += 5 * 60_000 + 1;
    expect((await browser.get("/security/totp/new")).headers.get("location")).toBe(
      "/security/reauth?next=%2Fsecurity%2Ftotp%2Fnew",
    );
    expect(
      (
        await browser.post("/security/reauth?next=%2Fsecurity%2Ftotp%2Fnew", { password: PASSWORD })
      ).headers.get("location"),
    ).toBe("/security/totp/new");
    const second = await shownSecret(browser, "/security/totp/new");
    expect(second).not.toBe(first);
    const added = await browser.post("/security/totp/new", {
      device_name: "tablet",
      otp: totpCodeAt(second, totpStep(clock())),
      sign_out_others: "on",
    });
    expect(added.headers.get("location")).toBe("/security?done=added");
    expect((await listTotpDevices(portal.db, memberId)).map((d) => d.name)).toEqual(["phone", "tablet"]);
    expect((await other.get("/login/second-factor")).headers.get("location")).toBe("/login");
    expect((await browser.get("/security")).status).toBe(200);
    expect(await portal.eventLines(memberId)).toContain("sessions-ended:totp-setup");
  });
});
