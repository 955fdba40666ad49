// Manual 2-1 / 2-2 through app.request() with a software authenticator: a passkey registered at the set-up
// sign-in completes the sign-in and is named (”パスキー”, 次へ); from the security page, after 本人確認, another
// one is added. A registration response is accepted once, only for the session that asked for it.
import { describe, expect, it } from "vitest";
import { listPasskeys } from "../../../../portal/db/passkeys";
import { createSoftAuthenticator } from "../../support/soft-authenticator";
import { memberPastFirstLogin, PASSWORD, testAppForFile } from "../support/flow-test-app";
import type { HttpClient } from "../support/http-client";
import type { TestApp } from "../support/test-app";

let portal: TestApp;
let time = Date.parse("2026-11-25T09:00:10Z");
const clock = () => new Date(time);
const WINDOWS_CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

testAppForFile({ clock }, (started) => {
  portal = started;
});

const authenticator = () =>
  createSoftAuthenticator({ rpId: new URL(portal.origin).hostname, origin: portal.origin });

async function setUpSignIn(userId: string): Promise<{ browser: HttpClient; memberId: string }> {
  const member = await memberPastFirstLogin(portal, { userId, method: "passkey", at: time });
  const browser = portal.client();
  await browser.post("/login", { user_id: userId, password: PASSWORD });
  expect((await browser.get("/login/second-factor")).headers.get("location")).toBe("/login/passkey-setup");
  return { browser, memberId: member.id };
}

async function registrationChallenge(
  browser: HttpClient,
): Promise<{ challenge: string; user: { name: string } }> {
  const response = await browser.postJson("/passkey/register/options", {});
  expect(response.status).toBe(200);
  return ((await response.json()) as { options: { challenge: string; user: { name: string } } }).options;
}

describe("passkey set-up at the set-up sign-in", () => {
  it("registers, completes the sign-in, names the passkey and accepts the response only once", async () => {
    const { browser, memberId } = await setUpSignIn("emi");
    const page = await browser.get("/login/passkey-setup");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("生体認証の設定");
    const options = await registrationChallenge(browser);
    expect(Buffer.from(options.challenge, "base64url")).toHaveLength(32);
    expect(options.user.name).toBe("emi");

    const key = authenticator();
    const response = key.register(options.challenge);
    const sentAt = new Date();
    const verified = await browser.postJson("/passkey/register/verify", { response });
    expect(verified.status).toBe(200);
    const { redirect } = (await verified.json()) as { redirect: string };
    const [passkey] = await listPasskeys(portal.db, memberId);
    expect(redirect).toBe(`/passkey/name/${passkey?.id}`);
    expect(passkey?.credential_id).toBe(key.credentialId);
    expect((await browser.get("/")).status).toBe(200); // the sign-in is complete (full level)
    expect(await portal.eventLines(memberId)).toEqual(
      expect.arrayContaining(["second-factor:passkey-enrolled", "factor-added:passkey:パスキー"]),
    );
    expect((await portal.latestMailTo("emi@example.jp", { after: sentAt })).text).toContain("パスキー");

    // The same response again: its challenge was used up.
    expect((await browser.postJson("/passkey/register/verify", { response })).status).toBe(400);
    expect(await listPasskeys(portal.db, memberId)).toHaveLength(1);

    const named = await browser.post(redirect, { name: "ノートPC" });
    expect(named.headers.get("location")).toBe("/");
    expect((await listPasskeys(portal.db, memberId))[0]?.name).toBe("ノートPC");
    const invalid = await browser.post(redirect, { name: "" });
    expect(invalid.status).toBe(400);
    // Naming is for the passkey just registered: ten minutes later the page is gone.
    time += 10 * 60_000;
    expect((await browser.get(redirect)).headers.get("location")).toBe("/");
  });

  it("names the passkey after the device it was made on", async () => {
    const { browser, memberId } = await setUpSignIn("fumi");
    const options = await registrationChallenge(browser);
    await browser.postJson("/passkey/register/verify", {
      response: authenticator().register(options.challenge),
    });
    expect((await listPasskeys(portal.db, memberId))[0]?.name).toMatch(/^パスキー/);
    const page = await browser.get(`/passkey/name/${(await listPasskeys(portal.db, memberId))[0]?.id}`);
    expect(await page.text()).toContain("パスキーの名前");
  });

  it("refuses a response to another session's challenge and changes nothing", async () => {
    const { browser: first } = await setUpSignIn("goro");
    const { browser: second, memberId } = await setUpSignIn("hana");
    const options = await registrationChallenge(first);
    const refused = await second.postJson("/passkey/register/verify", {
      response: authenticator().register(options.challenge),
    });
    expect(refused.status).toBe(400);
    expect(await listPasskeys(portal.db, memberId)).toEqual([]);
    expect((await second.get("/")).headers.get("location")).toBe("/login/second-factor");
  });
});

describe("passkey set-up from the security page", () => {
  it("needs a recent 本人確認, then adds a second passkey named on the way back to the security page", async () => {
    const { browser, memberId } = await setUpSignIn("isamu");
    const first = await registrationChallenge(browser);
    await browser.postJson("/passkey/register/verify", {
      response: authenticator().register(first.challenge),
    });
    time += 5 * 60_000 + 1;
    expect((await browser.get("/security/passkeys/new")).headers.get("location")).toBe(
      "/security/reauth?next=%2Fsecurity%2Fpasskeys%2Fnew",
    );
    expect((await browser.postJson("/passkey/register/options", {})).status).toBe(403);
    await browser.post("/security/reauth", { password: PASSWORD });
    expect((await browser.get("/security/passkeys/new", { "user-agent": WINDOWS_CHROME })).status).toBe(200);
    const second = await registrationChallenge(browser);
    const verified = await browser.postJson("/passkey/register/verify", {
      response: authenticator().register(second.challenge),
    });
    const { redirect } = (await verified.json()) as { redirect: string };
    expect(redirect).toMatch(/^\/passkey\/name\/[0-9a-f-]+\?from=security$/);
    expect((await browser.post(redirect, { name: "予備の鍵" })).headers.get("location")).toBe(
      "/security?done=added",
    );
    expect((await listPasskeys(portal.db, memberId)).map((p) => p.name)).toContain("予備の鍵");
    expect(await listPasskeys(portal.db, memberId)).toHaveLength(2);
  });
});
