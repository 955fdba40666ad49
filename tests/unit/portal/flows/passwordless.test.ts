// Passwordless sign-in from the sign-in page through app.request() with a software authenticator: the
// challenge is bound to this browser's pre-sign-in cookie, used once, and only a passkey whose user handle is
// its member's signs that member in, fully.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateMember } from "../../../../portal/db/members";
import { createSoftAuthenticator } from "../../support/soft-authenticator";
import type { HttpClient } from "../support/http-client";
import { startTestApp, type TestApp } from "../support/test-app";

let portal: TestApp;
const time = Date.parse("2026-11-25T09:00:10Z");
const clock = () => new Date(time);
const PASSWORD = "a long enough password";
let key: ReturnType<typeof createSoftAuthenticator>;
let memberId: string;
let userHandle: string;

beforeAll(async () => {
  portal = await startTestApp({ clock });
  const member = await portal.addMember({ userId: "junko", password: PASSWORD, birthDate: "1980-04-01" });
  memberId = member.id;
  await updateMember(portal.db, member.id, {
    password_is_initial: 0,
    first_login_completed_at: time,
    auth_method: "passkey",
    updated_at: time,
  });
  // The passkey is registered as at the set-up sign-in.
  key = createSoftAuthenticator({ rpId: new URL(portal.origin).hostname, origin: portal.origin });
  const browser = portal.client();
  await browser.post("/login", { user_id: "junko", password: PASSWORD });
  const { options } = (await (await browser.postJson("/passkey/register/options", {})).json()) as {
    options: { challenge: string; user: { id: string } };
  };
  userHandle = options.user.id;
  await browser.postJson("/passkey/register/verify", { response: key.register(options.challenge) });
});
afterAll(async () => {
  await portal?.close();
});

async function passwordlessChallenge(browser: HttpClient): Promise<string> {
  const response = await browser.postJson("/passkey/passwordless/options", {});
  expect(response.status).toBe(200);
  return ((await response.json()) as { options: { challenge: string } }).options.challenge;
}

describe("passwordless sign-in", () => {
  it("signs the member in fully with their passkey, once per challenge", async () => {
    const browser = portal.client();
    const challenge = await passwordlessChallenge(browser);
    expect(browser.cookie()).toMatch(/kosmo_webauthn=/);
    const response = key.authenticate(challenge, undefined, userHandle);
    const verified = await browser.postJson("/passkey/passwordless/verify", { response });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ redirect: "/" });
    expect((await browser.get("/")).status).toBe(200);
    expect((await browser.get("/security")).status).toBe(200); // full level, just authenticated
    expect((await portal.eventLines(memberId))[0]).toBe("sign-in:passkey-passwordless");

    const replay = portal.client();
    replay.setCookie(browser.cookie().replace(/kosmo_session=[^;]*;? ?/, ""));
    expect((await replay.postJson("/passkey/passwordless/verify", { response })).status).toBe(400);
    expect((await replay.get("/")).headers.get("location")).toBe("/login");
  });

  it("refuses a response from another browser (its challenge is bound to the cookie that asked)", async () => {
    const asking = portal.client();
    const challenge = await passwordlessChallenge(asking);
    const other = portal.client();
    await passwordlessChallenge(other); // has a binding cookie of its own
    const refused = await other.postJson("/passkey/passwordless/verify", {
      response: key.authenticate(challenge, undefined, userHandle),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: "生体認証に失敗しました。もう一度お試しください。" });
    expect((await other.get("/")).headers.get("location")).toBe("/login");
  });

  it("refuses a user handle that is not the member's and records the failed sign-in", async () => {
    const browser = portal.client();
    const challenge = await passwordlessChallenge(browser);
    const forged = Buffer.from("someone else").toString("base64url");
    const refused = await browser.postJson("/passkey/passwordless/verify", {
      response: key.authenticate(challenge, undefined, forged),
    });
    expect(refused.status).toBe(400);
    expect((await portal.eventLines(memberId))[0]).toBe("sign-in-failed:passkey-passwordless");
    expect((await browser.get("/")).headers.get("location")).toBe("/login");
  });

  it("refuses a verification without the binding cookie", async () => {
    const browser = portal.client();
    const challenge = await passwordlessChallenge(browser);
    const cookieless = portal.client();
    const refused = await cookieless.postJson("/passkey/passwordless/verify", {
      response: key.authenticate(challenge, undefined, userHandle),
    });
    expect(refused.status).toBe(400);
  });
});
