// Two real portal processes on one PostgreSQL database behind a load balancer: the same single-use thing
// submitted at the same moment to both instances is accepted by exactly one; guesses spread over both are
// judged at most as often as one instance would allow; 200 members signing in at once across both all get a
// session that either instance honours.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberRule } from "../../../portal/auth/limiter";
import { hashPassword } from "../../../portal/auth/password";
import { createSecretBox } from "../../../portal/auth/secret-box";
import { hashToken, randomToken } from "../../../portal/auth/tokens";
import { generateTotpSecret, totpCodeAt, totpStep } from "../../../portal/auth/totp";
import { insertEmailVerification } from "../../../portal/db/email-verifications";
import type { AuthMethod, Member } from "../../../portal/db/schema";
import { listSecurityEvents } from "../../../portal/db/security-events";
import { insertTotpDevice } from "../../../portal/db/totp-devices";
import { type HttpClient, httpClient } from "../../unit/portal/support/http-client";
import { insertMembersWithHash } from "../../unit/portal/support/members";
import { createSoftAuthenticator } from "../../unit/support/soft-authenticator";
import { type PortalCluster, startPortalCluster } from "../support/portal-cluster";

const PASSWORD = "a long enough cluster password";
let cluster: PortalCluster;
let passwordHash: string;

beforeAll(async () => {
  cluster = await startPortalCluster();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await cluster?.close();
});

let counter = 0;
/** A member who finished the first login with `method`, address <userId>@example.jp. */
async function member(method: AuthMethod): Promise<Member & { email: string }> {
  const userId = `racer${++counter}`;
  const [created] = await insertMembersWithHash(cluster.db, [userId], passwordHash, { method });
  return { ...(created as Member), email: `${userId}@example.jp` };
}

/** A browser whose requests the balancer sends to instance `index` (its cookies go wherever it is sent). */
function browserOn(index: number, cookie = "", forwardedFor?: string): HttpClient {
  const browser = httpClient(
    cluster.origin,
    cluster.via(index),
    forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
  );
  browser.setCookie(cookie);
  return browser;
}

/** The same browser (cookie) on both instances at once: [instance 0's answer, instance 1's answer]. */
function onBoth(browser: HttpClient, send: (on: HttpClient) => Promise<Response>): Promise<Response[]> {
  return Promise.all([send(browserOn(0, browser.cookie())), send(browserOn(1, browser.cookie()))]);
}

async function signIn(m: Member, on = 0): Promise<HttpClient> {
  const browser = browserOn(on);
  const response = await browser.post("/login", { user_id: m.user_id, password: PASSWORD });
  expect(response.status).toBe(303);
  return browser;
}

/** The member's security events of one type (the portal's own log, as `members events` shows it). */
async function eventsOf(m: Member, type: string) {
  return (await listSecurityEvents(cluster.db, m.id, 1000)).filter((e) => e.type === type);
}

const winners = (answers: Response[], isWin: (r: Response) => boolean) => answers.filter(isWin).length;

describe("two instances, one database: single use holds across instances", () => {
  it("accepts one app code once, whichever instance each sign-in reaches", async () => {
    const m = await member("totp");
    const secret = generateTotpSecret();
    const id = randomUUID();
    await insertTotpDevice(cluster.db, {
      id,
      member_id: m.id,
      name: "phone",
      secret_sealed: createSecretBox(cluster.secretKey).seal(secret, `totp:${id}`),
      last_used_step: null,
      created_at: Date.now(),
      last_used_at: null,
    });
    // Two browsers at the code step (the member and someone who watched the code).
    const first = await signIn(m, 0);
    const second = await signIn(m, 1);
    const code = totpCodeAt(secret, totpStep(new Date()));
    const answers = await Promise.all([
      browserOn(0, first.cookie()).post("/login/second-factor/totp", { otp: code }),
      browserOn(1, second.cookie()).post("/login/second-factor/totp", { otp: code }),
    ]);
    expect(winners(answers, (r) => r.headers.get("location") === "/")).toBe(1);
  });

  it("accepts one mailed code once", async () => {
    const m = await member("mail");
    const browser = await signIn(m);
    const asked = new Date(Date.now() - 1);
    expect((await browser.get("/login/second-factor/mail")).status).toBe(200);
    const code = /\b(\d{6})\b/.exec((await cluster.mailTo(m.email, asked)).text)?.[1] ?? "";
    const answers = await onBoth(browser, (on) => on.post("/login/second-factor/mail", { otp: code }));
    expect(winners(answers, (r) => r.headers.get("location") === "/")).toBe(1);
  });

  it("lets one password reset link set one password", async () => {
    const m = await member("mail");
    const asked = new Date(Date.now() - 1);
    const browser = browserOn(0);
    await browser.post("/forgot-password", { user_id: m.user_id, birth_date: "1980-04-01" });
    const link = new URL(/https?:\/\/\S+/.exec((await cluster.mailTo(m.email, asked)).text)?.[0] ?? "");
    const token = link.searchParams.get("token") ?? "";
    const passwords = ["first racer's new password", "second racer's new password"];
    const answers = await Promise.all(
      passwords.map((password, i) =>
        browserOn(i).post("/reset-password", { token, new_password: password, confirm_password: password }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([303, 400]);
    const winner = answers.findIndex((r) => r.status === 303);
    const signIns = await Promise.all(
      passwords.map((password) =>
        browserOn(0)
          .post("/login", { user_id: m.user_id, password })
          .then((r) => r.status),
      ),
    );
    expect(signIns).toEqual(passwords.map((_, i) => (i === winner ? 303 : 400)));
  });

  it("confirms an address with one e-mail link once", async () => {
    const m = await member("mail");
    const token = randomToken();
    await insertEmailVerification(cluster.db, {
      tokenHash: hashToken(token),
      memberId: m.id,
      email: `${m.user_id}-new@example.jp`,
      at: Date.now(),
    });
    const answers = await onBoth(browserOn(0), (on) => on.post("/verify-email", { token }));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await eventsOf(m, "email-verified")).toHaveLength(1);
  });

  it("signs in with one passkey challenge once", async () => {
    const m = await member("passkey");
    const key = createSoftAuthenticator({ rpId: new URL(cluster.origin).hostname, origin: cluster.origin });
    const setUp = await signIn(m);
    const registration = await setUp.postJson("/passkey/register/options", {});
    const { options } = (await registration.json()) as {
      options: { challenge: string; user: { id: string } };
    };
    expect(
      (await setUp.postJson("/passkey/register/verify", { response: key.register(options.challenge) }))
        .status,
    ).toBe(200);

    const browser = browserOn(0);
    const asked = await browser.postJson("/passkey/passwordless/options", {});
    const { challenge } = ((await asked.json()) as { options: { challenge: string } }).options;
    const response = key.authenticate(challenge, undefined, options.user.id);
    const answers = await onBoth(browser, (on) => on.postJson("/passkey/passwordless/verify", { response }));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
  });
});

describe("two instances, one database: limits and load", () => {
  it(`judges at most ${memberRule.freeFailures} of 24 password guesses spread over both instances`, async () => {
    const m = await member("mail");
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        browserOn(i % 2, "", `10.9.${i >> 8}.${i & 255}`).post("/login", {
          user_id: m.user_id,
          password: `wrong guess ${i}`,
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 400));
    const events = await eventsOf(m, "sign-in-failed");
    const judged = events.filter((e) => e.detail === "password").length;
    expect(judged).toBeGreaterThan(0);
    expect(judged).toBeLessThanOrEqual(memberRule.freeFailures);
    expect(events.length - judged).toBe(24 - judged); // the rest were throttled, never judged
  });

  it("signs 200 members in at once across both instances; each session works on both", async () => {
    const userIds = Array.from({ length: 200 }, (_, i) => `crowd${String(i).padStart(3, "0")}`);
    await insertMembersWithHash(cluster.db, userIds, passwordHash, { method: "mail" });
    // Each member from their own address (behind the balancer): no member shares a per-client throttle.
    const browsers = userIds.map((_, i) => browserOn(i % 2, "", `10.20.${i >> 8}.${i & 255}`));
    const answers = await Promise.all(
      browsers.map((browser, i) => browser.post("/login", { user_id: userIds[i] ?? "", password: PASSWORD })),
    );
    expect(answers.map((r) => `${r.status} ${r.headers.get("location")}`)).toEqual(
      answers.map(() => "303 /login/second-factor"),
    );
    // A live session is sent on to its mail code page; one either instance did not know would go to /login.
    const pages = await Promise.all(
      browsers.flatMap((browser) =>
        [0, 1].map((on) =>
          browserOn(on, browser.cookie())
            .get("/login/second-factor")
            .then((r) => `${r.status} ${r.headers.get("location")}`),
        ),
      ),
    );
    expect(pages).toEqual(pages.map(() => "303 /login/second-factor/mail"));
  }, 300_000);
});
