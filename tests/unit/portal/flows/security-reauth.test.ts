// 本人確認 with a passkey through app.request() (a software authenticator, no browser): only the
// member's own passkeys, single-use fresh challenges, user verification, the counter, the `next` target, the
// password throttle shared with the password re-entry, and the same re-auth window the password sets.
import { describe, expect, it } from "vitest";
import { accountScope, FLOWS } from "../../../../portal/auth/limiter";
import { REAUTH_WINDOW_MS } from "../../../../portal/auth/reauthentication";
import { totpCodeAt, totpStep } from "../../../../portal/auth/totp";
import type { AuthMethod, Member } from "../../../../portal/db/schema";
import { ja } from "../../../../portal/i18n/ja";
import { createSoftAuthenticator } from "../../support/soft-authenticator";
import { memberPastFirstLogin, PASSWORD, testAppForFile } from "../support/flow-test-app";
import type { HttpClient } from "../support/http-client";
import type { TestApp } from "../support/test-app";

let portal: TestApp;
let time = Date.parse("2026-11-25T09:00:10Z");
const clock = () => new Date(time);

testAppForFile({ clock }, (started) => {
  portal = started;
});

type SoftAuthenticator = ReturnType<typeof createSoftAuthenticator>;

function memberWith(userId: string, method: AuthMethod): Promise<Member> {
  return memberPastFirstLogin(portal, { userId, method, at: time, email: false });
}

/** A member who set up a passkey at the set-up sign-in: a full session, re-authenticated just now. */
async function withPasskey(userId: string) {
  const member = await memberWith(userId, "passkey");
  const browser = portal.client();
  await browser.post("/login", { user_id: userId, password: PASSWORD });
  const authenticator = createSoftAuthenticator({
    rpId: new URL(portal.origin).hostname,
    origin: portal.origin,
  });
  const { options } = (await (await browser.postJson("/passkey/register/options", {})).json()) as {
    options: { challenge: string };
  };
  const enrolled = await browser.postJson("/passkey/register/verify", {
    response: authenticator.register(options.challenge),
  });
  expect(enrolled.status).toBe(200);
  return { member, browser, authenticator };
}

async function reauthOptions(browser: HttpClient) {
  const response = await browser.postJson("/security/reauth/passkey/options", {});
  return {
    status: response.status,
    body: (await response.json()) as {
      options?: { challenge: string; userVerification?: string; allowCredentials?: { id: string }[] };
      error?: string;
    },
  };
}

async function verify(browser: HttpClient, response: unknown, next = "%2Fsecurity") {
  const answer = await browser.postJson(`/security/reauth/passkey/verify?next=${next}`, { response });
  return { status: answer.status, body: (await answer.json()) as { redirect?: string; error?: string } };
}

/** Options, then the authenticator signs their challenge with `counter`. */
async function signedAssertion(browser: HttpClient, authenticator: SoftAuthenticator, counter: number) {
  const { body } = await reauthOptions(browser);
  authenticator.setCounter(counter);
  return authenticator.authenticate(body.options!.challenge);
}

/** Whether the session may change factors now (the rename asks for re-auth otherwise). */
async function mayChangeFactors(browser: HttpClient, memberId: string): Promise<boolean> {
  const passkey = await storedPasskey(memberId);
  const rename = await browser.post(`/security/factors/passkey/${passkey.id}/rename`, { name: passkey.name });
  return rename.headers.get("location") === "/security?done=saved";
}

const storedPasskey = (memberId: string) =>
  portal.db.selectFrom("passkeys").selectAll().where("member_id", "=", memberId).executeTakeFirstOrThrow();

const events = (memberId: string) => portal.eventLines(memberId);

describe("re-authentication with a passkey", () => {
  it("offers the member's own passkeys only and, signed, opens the same 5-minute window as the password", async () => {
    const { member, browser, authenticator } = await withPasskey("aiko");
    await withPasskey("aiko-neighbour");
    time += REAUTH_WINDOW_MS + 1;
    expect(await mayChangeFactors(browser, member.id)).toBe(false);

    const page = await browser.get("/security/reauth?next=%2Fsecurity");
    const html = await page.text();
    expect(html).toContain(`>${ja["security.reauthPasskey"]}</button>`);
    expect(html).toContain('data-verify-url="/security/reauth/passkey/verify?next=%2Fsecurity"');
    expect(html).toContain('src="/static/passkey.js"');
    expect(html).toContain('id="reauth-password"');

    const { body } = await reauthOptions(browser);
    expect(Buffer.from(body.options!.challenge, "base64url")).toHaveLength(32);
    expect(body.options!.userVerification).toBe("required");
    expect(body.options!.allowCredentials?.map((c) => c.id)).toEqual([authenticator.credentialId]);

    authenticator.setCounter(1);
    const answer = await verify(
      browser,
      authenticator.authenticate(body.options!.challenge),
      "%2Fsecurity%2Fpasskeys%2Fnew",
    );
    expect(answer).toEqual({ status: 200, body: { redirect: "/security/passkeys/new" } });
    expect(await mayChangeFactors(browser, member.id)).toBe(true);
    const stored = await storedPasskey(member.id);
    expect(Number(stored.counter)).toBe(1);
    expect(Number(stored.last_used_at)).toBe(time);
    expect(await events(member.id)).toContain("reauthenticated:passkey");

    // `next` is checked as on the password path: another origin falls back to the security page.
    time += REAUTH_WINDOW_MS + 1;
    const offsite = await verify(
      browser,
      await signedAssertion(browser, authenticator, 2),
      "%2F%2Fevil.example",
    );
    expect(offsite).toEqual({ status: 200, body: { redirect: "/security" } });
  });

  it("refuses another member's passkey, a used or expired challenge, no UV and a stale counter, changing nothing", async () => {
    const { member, browser, authenticator } = await withPasskey("bunta");
    const other = await withPasskey("bunta-neighbour");
    time += REAUTH_WINDOW_MS + 1;
    const before = await storedPasskey(member.id);
    const otherBefore = await storedPasskey(other.member.id);

    // Another member's passkey signing this session's challenge.
    const foreign = await verify(browser, await signedAssertion(browser, other.authenticator, 1));
    expect(foreign).toEqual({ status: 400, body: { error: ja["security.reauthPasskeyForeign"] } });
    expect(await storedPasskey(other.member.id)).toEqual(otherBefore);

    // No user verification (presence only); sent again, its challenge is already used up.
    authenticator.setUserVerified(false);
    const withoutUv = await signedAssertion(browser, authenticator, 1);
    authenticator.setUserVerified(true);
    expect(await verify(browser, withoutUv)).toEqual({
      status: 400,
      body: { error: ja["security.reauthPasskeyNoUv"] },
    });
    expect(await verify(browser, withoutUv)).toEqual({
      status: 400,
      body: { error: ja["security.reauthPasskeyExpired"] },
    });

    // A challenge older than 5 minutes.
    const late = await signedAssertion(browser, authenticator, 1);
    time += 5 * 60_000;
    expect((await verify(browser, late)).body.error).toBe(ja["security.reauthPasskeyExpired"]);

    expect(await storedPasskey(member.id)).toEqual(before);
    expect(await mayChangeFactors(browser, member.id)).toBe(false);

    // The counter must advance (a cloned authenticator repeats it).
    const good = await signedAssertion(browser, authenticator, 3);
    expect((await verify(browser, good)).status).toBe(200);
    time += REAUTH_WINDOW_MS + 1;
    const cloned = await verify(browser, await signedAssertion(browser, authenticator, 3));
    expect(cloned).toEqual({ status: 400, body: { error: ja["security.reauthPasskeyFailed"] } });
    expect(await mayChangeFactors(browser, member.id)).toBe(false);
    expect(Number((await storedPasskey(member.id)).counter)).toBe(3);

    expect(await events(member.id)).toEqual(
      expect.arrayContaining([
        "sign-in-failed:reauth-passkey-foreign",
        "sign-in-failed:reauth-passkey-uv",
        "sign-in-failed:reauth-passkey-challenge",
        "sign-in-failed:reauth-passkey-counter",
      ]),
    );
  });

  it("counts passkey failures in the password re-entry's throttle", async () => {
    const { member, browser, authenticator } = await withPasskey("chika");
    time += REAUTH_WINDOW_MS + 1;
    for (let i = 0; i < 2; i++)
      expect((await browser.post("/security/reauth", { password: "wrong" })).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await verify(browser, { id: "garbage" })).status).toBe(400);

    // Five failures: both ways wait now, even with the right password or passkey.
    expect((await reauthOptions(browser)).body).toEqual({ error: ja["error.throttled"] });
    expect((await verify(browser, {})).status).toBe(429);
    expect((await browser.post("/security/reauth", { password: PASSWORD })).status).toBe(400);
    expect(await mayChangeFactors(browser, member.id)).toBe(false);

    time += 31_000;
    expect((await verify(browser, await signedAssertion(browser, authenticator, 1))).status).toBe(200);
    const left = await portal.db
      .selectFrom("attempts")
      .select("failures")
      .where("scope", "=", FLOWS.reauth)
      .where("key", "=", accountScope(FLOWS.reauth, "chika").key)
      .execute();
    expect(left).toEqual([]);
  });

  it("shows no passkey button to a member without one and refuses its options", async () => {
    const member = await memberWith("daisuke", "totp");
    const secret = await portal.addTotpDevice(member.id, "phone");
    const browser = portal.client();
    await browser.post("/login", { user_id: "daisuke", password: PASSWORD });
    const signedIn = await browser.post("/login/second-factor/totp", {
      otp: totpCodeAt(secret, totpStep(clock())),
    });
    expect(signedIn.headers.get("location")).toBe("/");
    const html = await (await browser.get("/security/reauth")).text();
    expect(html).toContain(`<h1 id="page-title">${ja["security.reauthTitle"]}</h1>`);
    expect(html).not.toContain("data-passkey");
    expect(html).not.toContain("/static/passkey.js");
    expect((await reauthOptions(browser)).status).toBe(400);
  });

  it("refuses cross-site requests to the re-auth passkey endpoints", async () => {
    const { browser, authenticator } = await withPasskey("emi");
    time += REAUTH_WINDOW_MS + 1;
    const assertion = await signedAssertion(browser, authenticator, 1);
    const response = await portal.fetch(`${portal.origin}/security/reauth/passkey/verify?next=%2Fsecurity`, {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
        "content-type": "application/json",
        cookie: browser.cookie(),
      },
      body: JSON.stringify({ response: assertion }),
    });
    expect(response.status).toBe(403);
    // The challenge was not claimed: the same assertion still works from the page itself.
    expect((await verify(browser, assertion)).status).toBe(200);
  });
});
