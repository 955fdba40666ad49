// Every page of the portal — each screen of the manual, the security page, recovery pages, errors, the top
// page and the development inbox — rendered for a fixed clock and a fixed data set in Japanese and English
// through app.request(), and compared byte for byte with the committed HTML in __snapshots__/. Refactoring
// must leave these files unchanged; a real change of a page updates them on purpose (`vitest -u`).
import { describe, expect, it } from "vitest";
import { createApp } from "../../../../portal/app";
import { hashPassword } from "../../../../portal/auth/password";
import { createSecretBox } from "../../../../portal/auth/secret-box";
import { hashToken } from "../../../../portal/auth/tokens";
import type { Member } from "../../../../portal/db/schema";
import type { Locale } from "../../../../portal/i18n";
import type { CaughtMail, MailCatcher } from "../../../../portal/mail/catcher";
import { type HttpClient, httpClient } from "../support/http-client";
import { createTestDeps, type TestDeps } from "../support/test-deps";

const PASSWORD = "a long enough password";
const DAY = 24 * 60 * 60_000;
/** Fixed 43-character tokens (the shape randomToken makes), so session ids in the HTML are the same every run. */
const token = (name: string) => name.padEnd(43, "x");
/** The secret shown on the TOTP set-up screens (a pending enrolment seeded for the session). */
const SETUP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const CHROME_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

async function seed(deps: TestDeps): Promise<void> {
  const at = deps.clock().getTime();
  const passwordHash = await hashPassword(PASSWORD);
  const box = createSecretBox(deps.config.secretKey);
  // Every step of the first login still to do: these are set as the member moves on.
  const notYet = Object.fromEntries(
    [
      "email",
      "pending_email",
      "email_verified_at",
      "birth_date_confirmed_at",
      "terms_accepted_at",
      "auth_method",
      "password_changed_at",
      "first_login_completed_at",
    ].map((field) => [field, null]),
  ) as Pick<
    Member,
    | "email"
    | "pending_email"
    | "email_verified_at"
    | "birth_date_confirmed_at"
    | "terms_accepted_at"
    | "auth_method"
    | "password_changed_at"
    | "first_login_completed_at"
  >;
  const member = (id: string, changes: Partial<Member> = {}): Member => ({
    id,
    user_id: id,
    name: "",
    birth_date: "1980-04-01",
    password_hash: passwordHash,
    password_is_initial: 1,
    ...notYet,
    locale: null,
    created_at: at - 30 * DAY,
    updated_at: at - 30 * DAY,
    ...changes,
  });
  const done = at - 10 * DAY;
  const completed = (id: string, changes: Partial<Member>) =>
    member(id, {
      password_is_initial: 0,
      email: `${id}@example.jp`,
      email_verified_at: done,
      birth_date_confirmed_at: done,
      terms_accepted_at: done,
      password_changed_at: done,
      first_login_completed_at: done,
      ...changes,
    });
  await deps.db
    .insertInto("members")
    .values([
      member("birth"),
      member("terms", { birth_date_confirmed_at: done }),
      member("email", { birth_date_confirmed_at: done, terms_accepted_at: done }),
      member("pending", {
        birth_date_confirmed_at: done,
        terms_accepted_at: done,
        pending_email: "pending@example.jp",
      }),
      member("method", {
        birth_date_confirmed_at: done,
        terms_accepted_at: done,
        email: "method@example.jp",
        email_verified_at: done,
      }),
      member("password", {
        birth_date_confirmed_at: done,
        terms_accepted_at: done,
        email: "password@example.jp",
        email_verified_at: done,
        auth_method: "totp",
      }),
      completed("complete", { auth_method: "mail" }),
      completed("hanako", { name: "山田 花子", auth_method: "totp" }),
      completed("totp-setup", { auth_method: "totp" }),
      completed("passkey-setup", { auth_method: "passkey" }),
      completed("second", { auth_method: "totp" }),
      completed("mail", { auth_method: "mail" }),
      completed("no-mail", { auth_method: "mail", email: null, email_verified_at: null }),
    ])
    .execute();

  const session = (name: string, memberId: string, level: "password" | "full", changes = {}) => ({
    id: hashToken(token(name)),
    member_id: memberId,
    level,
    created_at: at - 60_000,
    last_seen_at: at - 30_000,
    expires_at: at + 12 * 60 * 60_000,
    remember: 0,
    user_agent: CHROME_WINDOWS,
    ip: "192.0.2.1",
    ...changes,
  });
  await deps.db
    .insertInto("sessions")
    .values([
      session("birth", "birth", "password"),
      session("terms", "terms", "password"),
      session("email", "email", "password"),
      session("pending", "pending", "password"),
      session("method", "method", "password"),
      session("password", "password", "password"),
      session("complete", "complete", "password"),
      session("hanako", "hanako", "full"),
      session("hanako-mac", "hanako", "full", {
        created_at: at - 2 * DAY,
        last_seen_at: at - DAY,
        expires_at: at + 20 * DAY,
        remember: 1,
        user_agent: SAFARI_MAC,
        ip: "2001:db8::1",
      }),
      session("totp-setup", "totp-setup", "password"),
      session("passkey-setup", "passkey-setup", "password"),
      session("second", "second", "password"),
      session("mail", "mail", "password"),
      session("no-mail", "no-mail", "password"),
    ])
    .execute();
  await deps.db
    .insertInto("recent_authentications")
    .values({ session_id: hashToken(token("hanako")), authenticated_at: at - 60_000 })
    .execute();
  for (const name of ["hanako", "totp-setup"]) {
    const sessionId = hashToken(token(name));
    await deps.db
      .insertInto("totp_enrollments")
      .values({
        session_id: sessionId,
        member_id: name,
        secret_sealed: box.seal(SETUP_SECRET, `totp-enrollment:${sessionId}`),
        created_at: at,
        expires_at: at + 30 * 60_000,
      })
      .execute();
  }
  const totpDevice = (id: string, memberId: string, name: string) => ({
    id,
    member_id: memberId,
    name,
    secret_sealed: box.seal(SETUP_SECRET, `totp:${id}`),
    last_used_step: null,
    created_at: at - 9 * DAY,
    last_used_at: id === "totp-hanako" ? at - DAY : null,
  });
  await deps.db
    .insertInto("totp_devices")
    .values([totpDevice("totp-hanako", "hanako", "iPhone"), totpDevice("totp-second", "second", "phone")])
    .execute();
  const passkey = (id: string, memberId: string, name: string, createdAt: number) => ({
    id,
    member_id: memberId,
    name,
    credential_id: `credential-${id}`,
    public_key: "AAAA",
    counter: 0,
    transports: "internal",
    user_handle: `handle-${memberId}`,
    backed_up: 0,
    created_at: createdAt,
    last_used_at: null,
  });
  await deps.db
    .insertInto("passkeys")
    .values([
      passkey("passkey-hanako", "hanako", "パスキー (Windows)", at - 8 * DAY),
      passkey("passkey-new", "hanako", "パスキー (Mac)", at - 60_000),
      passkey("passkey-second", "second", "パスキー", at - 8 * DAY),
    ])
    .execute();
  const event = (n: number, type: string, detail: string | null) => ({
    id: `event-${n}`,
    member_id: "hanako",
    type,
    ip: "192.0.2.1",
    detail,
    created_at: at - (10 - n) * 60 * 60_000,
  });
  await deps.db
    .insertInto("security_events")
    .values([
      event(1, "sign-in", "password"),
      event(2, "second-factor", "totp"),
      event(3, "factor-added", "passkey:パスキー (Mac)"),
      event(4, "sign-in-failed", "password"),
    ])
    .execute();
  await deps.db
    .insertInto("notices")
    .values([
      { id: "notice-1", body: "年末年始の窓口休業のお知らせ", created_at: at - 3 * DAY },
      { id: "notice-2", body: "<b>健診</b> & 予約", created_at: at - DAY },
    ])
    .execute();
  await deps.db
    .insertInto("password_resets")
    .values({
      token_hash: hashToken(token("reset")),
      member_id: "hanako",
      created_at: at - 60_000,
      expires_at: at + 60 * 60_000,
      used_at: null,
    })
    .execute();
  await deps.db
    .insertInto("email_verifications")
    .values({
      token_hash: hashToken(token("verify")),
      member_id: "pending",
      email: "pending@example.jp",
      created_at: at - 30_000, // within the resend cooldown
      expires_at: at + DAY,
      used_at: null,
    })
    .execute();
}

const caughtMail = (at: number) => [
  {
    id: "mail-1",
    from: "KOSMO Web <no-reply@kosmo-web.example>",
    to: ["hanako@example.jp"],
    subject: "【KOSMO Web】メールアドレスの確認",
    text: "以下のリンクを開いてください。\nhttp://localhost:8787/verify-email?token=x",
    html: null,
    receivedAt: new Date(at - 60_000),
  },
];

interface PageCase {
  name: string;
  /** Whose session cookie the request carries (a seeded session name), or none. */
  as?: string;
  path: string;
  /** Form fields: the request is a POST. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

const page = (name: string, path: string, options: Omit<PageCase, "name" | "path"> = {}): PageCase => ({
  name,
  path,
  ...options,
});

const pages: PageCase[] = [
  // Sign-in (manual 1-[2]) and recovery
  page("login", "/login"),
  page("login-signed-out", "/login?info=signed-out"),
  page("login-declined", "/login?info=declined"),
  page("login-reset", "/login?info=reset"),
  page("login-required", "/login", { form: { user_id: "", password: "" } }),
  page("login-failed", "/login", { form: { user_id: "nobody", password: "wrong password" } }),
  page("forgot-password", "/forgot-password"),
  page("forgot-password-invalid", "/forgot-password", { form: { user_id: "x", birth_date: "x" } }),
  page("forgot-password-sent", "/forgot-password", { form: { user_id: "nobody", birth_date: "1980-04-01" } }),
  page("forgot-user-id", "/forgot-user-id"),
  page("forgot-user-id-sent", "/forgot-user-id", {
    form: { email: "nobody@example.jp", birth_date: "1980-04-01" },
  }),
  page("reset-password", `/reset-password?token=${token("reset")}`),
  page("reset-password-weak", "/reset-password", {
    form: { token: token("reset"), new_password: "short", confirm_password: "short" },
  }),
  page("reset-password-invalid", "/reset-password?token=unknown"),
  page("verify-email", `/verify-email?token=${token("verify")}`),
  page("verify-email-invalid", "/verify-email?token=unknown"),
  // First login (manual 1-[3]…[10])
  page("first-login-birth-date", "/first-login/birth-date", { as: "birth" }),
  page("first-login-birth-date-invalid", "/first-login/birth-date", {
    as: "birth",
    form: { birth_date: "1980-02-30" },
  }),
  page("first-login-birth-date-mismatch", "/first-login/birth-date", {
    as: "birth",
    form: { birth_date: "1981-04-01" },
  }),
  page("first-login-terms", "/first-login/terms", { as: "terms" }),
  page("first-login-terms-no-decision", "/first-login/terms", { as: "terms", form: {} }),
  page("first-login-email", "/first-login/email", { as: "email" }),
  page("first-login-email-invalid", "/first-login/email", { as: "email", form: { email: "no" } }),
  page("first-login-email-pending", "/first-login/email", { as: "pending" }),
  page("first-login-email-not-yet", "/first-login/email?refresh=1", { as: "pending" }),
  page("first-login-email-resent", "/first-login/email?resent=1", { as: "pending" }),
  page("first-login-email-cooldown", "/first-login/email/resend", { as: "pending", form: {} }),
  page("first-login-method", "/first-login/method", { as: "method" }),
  page("first-login-method-required", "/first-login/method", { as: "method", form: {} }),
  page("first-login-password", "/first-login/password", { as: "password" }),
  page("first-login-password-weak", "/first-login/password", {
    as: "password",
    form: { new_password: "short", confirm_password: "other" },
  }),
  page("first-login-complete", "/first-login/complete", { as: "complete" }),
  // Second factors (manual section 2)
  page("second-factor-totp", "/login/second-factor", { as: "second" }),
  page("second-factor-passkey", "/login/second-factor?use=passkey", { as: "second" }),
  page("second-factor-totp-wrong", "/login/second-factor/totp", { as: "second", form: { otp: "000000" } }),
  page("second-factor-mail", "/login/second-factor/mail", { as: "mail" }),
  page("second-factor-mail-resent", "/login/second-factor/mail?resent=1", { as: "mail" }),
  page("second-factor-mail-wrong", "/login/second-factor/mail", { as: "mail", form: { otp: "000000" } }),
  page("second-factor-none", "/login/second-factor", { as: "no-mail" }),
  page("totp-setup-sign-in", "/login/totp-setup", { as: "totp-setup" }),
  page("totp-setup-sign-in-wrong", "/login/totp-setup", {
    as: "totp-setup",
    form: { device_name: "iPad", otp: "000000" },
  }),
  page("passkey-setup-sign-in", "/login/passkey-setup", { as: "passkey-setup" }),
  // Signed in: top page, services, security page
  page("top", "/", { as: "hanako" }),
  page("service-medical", "/services/medical", { as: "hanako" }),
  page("security", "/security", { as: "hanako" }),
  page("security-saved", "/security?done=saved", { as: "hanako" }),
  page("security-last-factor", "/security?error=last-factor", { as: "hanako" }),
  page("security-reauth", "/security/reauth?next=%2Fsecurity", { as: "hanako" }),
  page("security-totp-new", "/security/totp/new", { as: "hanako" }),
  page("security-passkeys-new", "/security/passkeys/new", { as: "hanako" }),
  page("passkey-name", "/passkey/name/passkey-new?from=security", { as: "hanako" }),
  page("passkey-name-invalid", "/passkey/name/passkey-new?from=security", {
    as: "hanako",
    form: { name: "" },
  }),
  page("security-password-wrong", "/security/password", {
    as: "hanako",
    form: { current_password: "wrong", new_password: "x", confirm_password: "x" },
  }),
  page("security-password-weak", "/security/password", {
    as: "hanako",
    form: { current_password: PASSWORD, new_password: "short", confirm_password: "short" },
  }),
  page("security-reauth-wrong", "/security/reauth", { as: "hanako", form: { password: "wrong" } }),
  // Errors and the development inbox
  page("not-found", "/no-such-page"),
  page("not-found-signed-in", "/no-such-page", { as: "hanako" }),
  page("csrf", "/login", {
    form: { user_id: "a", password: "b" },
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  }),
  page("body-too-large", "/login", { form: { user_id: "a", password: "x".repeat(70_000) } }),
  page("dev-mail", "/dev/mail"),
  page("dev-mail-message", "/dev/mail/mail-1"),
  // Last: the confirmation changes the member (no session: no link onwards).
  page("verify-email-done", "/verify-email", { form: { token: token("verify") } }),
];

async function request(client: HttpClient, locale: Locale, page: PageCase): Promise<Response> {
  client.setCookie(page.as ? `lang=${locale}; kosmo_session=${token(page.as)}` : `lang=${locale}`);
  const headers = { "user-agent": CHROME_WINDOWS, ...page.headers };
  return page.form ? client.post(page.path, page.form, headers) : client.get(page.path, headers);
}

/** The app over the seeded (or empty) database with an inbox whose messages() is `messages`. */
async function withApp(
  messages: (deps: TestDeps) => CaughtMail[],
  options: { seeded: boolean },
  run: (client: HttpClient) => Promise<void>,
): Promise<void> {
  const deps = await createTestDeps();
  try {
    deps.catcher = { port: 0, messages: () => messages(deps), close: async () => {} } satisfies MailCatcher;
    if (options.seeded) await seed(deps);
    const app = createApp(deps);
    await run(httpClient(deps.config.portalOrigin, async (url, init) => app.request(url, init)));
  } finally {
    await deps.cleanup();
  }
}

for (const locale of ["ja", "en"] as const satisfies readonly Locale[]) {
  describe(`every portal page in ${locale}`, () => {
    // About 60 pages with Argon2 sign-ins among them: more than the default 5 s on a loaded machine.
    it("is byte-identical to the committed HTML", { timeout: 60_000 }, async () => {
      const inbox = (deps: TestDeps) => caughtMail(deps.clock().getTime());
      await withApp(inbox, { seeded: true }, async (client) => {
        const statuses: Record<string, number> = {};
        for (const page of pages) {
          const response = await request(client, locale, page);
          statuses[page.name] = response.status;
          await expect(await response.text()).toMatchFileSnapshot(
            `__snapshots__/${locale}/${page.name}.html`,
          );
        }
        await expect(`${JSON.stringify(statuses, null, 2)}\n`).toMatchFileSnapshot(
          `__snapshots__/${locale}/statuses.json`,
        );
      });
    });

    it("renders the server error page", async () => {
      const broken = (): CaughtMail[] => {
        throw new Error("inbox unavailable (test)");
      };
      await withApp(broken, { seeded: false }, async (client) => {
        client.setCookie(`lang=${locale}`);
        const response = await client.get("/dev/mail");
        expect(response.status).toBe(500);
        await expect(await response.text()).toMatchFileSnapshot(`__snapshots__/${locale}/server-error.html`);
      });
    });
  });
}
