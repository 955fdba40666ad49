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
import type { MailCatcher } from "../../../../portal/mail/catcher";
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
  const member = (id: string, changes: Partial<Member> = {}): Member => ({
    id,
    user_id: id,
    name: "",
    birth_date: "1980-04-01",
    password_hash: passwordHash,
    password_is_initial: 1,
    email: null,
    pending_email: null,
    email_verified_at: null,
    birth_date_confirmed_at: null,
    terms_accepted_at: null,
    auth_method: null,
    password_changed_at: null,
    first_login_completed_at: null,
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

const pages: PageCase[] = [
  // Sign-in (manual 1-[2]) and recovery
  { name: "login", path: "/login" },
  { name: "login-signed-out", path: "/login?info=signed-out" },
  { name: "login-declined", path: "/login?info=declined" },
  { name: "login-reset", path: "/login?info=reset" },
  { name: "login-required", path: "/login", form: { user_id: "", password: "" } },
  { name: "login-failed", path: "/login", form: { user_id: "nobody", password: "wrong password" } },
  { name: "forgot-password", path: "/forgot-password" },
  { name: "forgot-password-invalid", path: "/forgot-password", form: { user_id: "x", birth_date: "x" } },
  {
    name: "forgot-password-sent",
    path: "/forgot-password",
    form: { user_id: "nobody", birth_date: "1980-04-01" },
  },
  { name: "forgot-user-id", path: "/forgot-user-id" },
  {
    name: "forgot-user-id-sent",
    path: "/forgot-user-id",
    form: { email: "nobody@example.jp", birth_date: "1980-04-01" },
  },
  { name: "reset-password", path: `/reset-password?token=${token("reset")}` },
  {
    name: "reset-password-weak",
    path: "/reset-password",
    form: { token: token("reset"), new_password: "short", confirm_password: "short" },
  },
  { name: "reset-password-invalid", path: "/reset-password?token=unknown" },
  { name: "verify-email", path: `/verify-email?token=${token("verify")}` },
  { name: "verify-email-invalid", path: "/verify-email?token=unknown" },
  // First login (manual 1-[3]…[10])
  { name: "first-login-birth-date", as: "birth", path: "/first-login/birth-date" },
  {
    name: "first-login-birth-date-invalid",
    as: "birth",
    path: "/first-login/birth-date",
    form: { birth_date: "1980-02-30" },
  },
  {
    name: "first-login-birth-date-mismatch",
    as: "birth",
    path: "/first-login/birth-date",
    form: { birth_date: "1981-04-01" },
  },
  { name: "first-login-terms", as: "terms", path: "/first-login/terms" },
  { name: "first-login-terms-no-decision", as: "terms", path: "/first-login/terms", form: {} },
  { name: "first-login-email", as: "email", path: "/first-login/email" },
  { name: "first-login-email-invalid", as: "email", path: "/first-login/email", form: { email: "no" } },
  { name: "first-login-email-pending", as: "pending", path: "/first-login/email" },
  { name: "first-login-email-not-yet", as: "pending", path: "/first-login/email?refresh=1" },
  { name: "first-login-email-resent", as: "pending", path: "/first-login/email?resent=1" },
  { name: "first-login-email-cooldown", as: "pending", path: "/first-login/email/resend", form: {} },
  { name: "first-login-method", as: "method", path: "/first-login/method" },
  { name: "first-login-method-required", as: "method", path: "/first-login/method", form: {} },
  { name: "first-login-password", as: "password", path: "/first-login/password" },
  {
    name: "first-login-password-weak",
    as: "password",
    path: "/first-login/password",
    form: { new_password: "short", confirm_password: "other" },
  },
  { name: "first-login-complete", as: "complete", path: "/first-login/complete" },
  // Second factors (manual section 2)
  { name: "second-factor-totp", as: "second", path: "/login/second-factor" },
  { name: "second-factor-passkey", as: "second", path: "/login/second-factor?use=passkey" },
  {
    name: "second-factor-totp-wrong",
    as: "second",
    path: "/login/second-factor/totp",
    form: { otp: "000000" },
  },
  { name: "second-factor-mail", as: "mail", path: "/login/second-factor/mail" },
  { name: "second-factor-mail-resent", as: "mail", path: "/login/second-factor/mail?resent=1" },
  {
    name: "second-factor-mail-wrong",
    as: "mail",
    path: "/login/second-factor/mail",
    form: { otp: "000000" },
  },
  { name: "second-factor-none", as: "no-mail", path: "/login/second-factor" },
  { name: "totp-setup-sign-in", as: "totp-setup", path: "/login/totp-setup" },
  {
    name: "totp-setup-sign-in-wrong",
    as: "totp-setup",
    path: "/login/totp-setup",
    form: { device_name: "iPad", otp: "000000" },
  },
  { name: "passkey-setup-sign-in", as: "passkey-setup", path: "/login/passkey-setup" },
  // Signed in: top page, services, security page
  { name: "top", as: "hanako", path: "/" },
  { name: "service-medical", as: "hanako", path: "/services/medical" },
  { name: "security", as: "hanako", path: "/security" },
  { name: "security-saved", as: "hanako", path: "/security?done=saved" },
  { name: "security-last-factor", as: "hanako", path: "/security?error=last-factor" },
  { name: "security-reauth", as: "hanako", path: "/security/reauth?next=%2Fsecurity" },
  { name: "security-totp-new", as: "hanako", path: "/security/totp/new" },
  { name: "security-passkeys-new", as: "hanako", path: "/security/passkeys/new" },
  { name: "passkey-name", as: "hanako", path: "/passkey/name/passkey-new?from=security" },
  {
    name: "passkey-name-invalid",
    as: "hanako",
    path: "/passkey/name/passkey-new?from=security",
    form: { name: "" },
  },
  {
    name: "security-password-wrong",
    as: "hanako",
    path: "/security/password",
    form: { current_password: "wrong", new_password: "x", confirm_password: "x" },
  },
  {
    name: "security-password-weak",
    as: "hanako",
    path: "/security/password",
    form: { current_password: PASSWORD, new_password: "short", confirm_password: "short" },
  },
  { name: "security-reauth-wrong", as: "hanako", path: "/security/reauth", form: { password: "wrong" } },
  // Errors and the development inbox
  { name: "not-found", path: "/no-such-page" },
  { name: "not-found-signed-in", as: "hanako", path: "/no-such-page" },
  {
    name: "csrf",
    path: "/login",
    form: { user_id: "a", password: "b" },
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  },
  { name: "body-too-large", path: "/login", form: { user_id: "a", password: "x".repeat(70_000) } },
  { name: "dev-mail", path: "/dev/mail" },
  { name: "dev-mail-message", path: "/dev/mail/mail-1" },
  // Last: the confirmation changes the member (no session: no link onwards).
  { name: "verify-email-done", path: "/verify-email", form: { token: token("verify") } },
];

async function request(client: HttpClient, locale: Locale, page: PageCase): Promise<Response> {
  client.setCookie(page.as ? `lang=${locale}; kosmo_session=${token(page.as)}` : `lang=${locale}`);
  const headers = { "user-agent": CHROME_WINDOWS, ...page.headers };
  return page.form ? client.post(page.path, page.form, headers) : client.get(page.path, headers);
}

for (const locale of ["ja", "en"] as const satisfies readonly Locale[]) {
  describe(`every portal page in ${locale}`, () => {
    // About 60 pages with Argon2 sign-ins among them: more than the default 5 s on a loaded machine.
    it("is byte-identical to the committed HTML", { timeout: 60_000 }, async () => {
      const deps = await createTestDeps();
      try {
        deps.catcher = {
          port: 0,
          messages: () => caughtMail(deps.clock().getTime()),
          close: async () => {},
        } satisfies MailCatcher;
        await seed(deps);
        const app = createApp(deps);
        const client = httpClient(deps.config.portalOrigin, async (url, init) => app.request(url, init));
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
      } finally {
        await deps.cleanup();
      }
    });

    it("renders the server error page", async () => {
      const deps = await createTestDeps();
      try {
        deps.catcher = {
          port: 0,
          messages: () => {
            throw new Error("inbox unavailable (test)");
          },
          close: async () => {},
        };
        const app = createApp(deps);
        const client = httpClient(deps.config.portalOrigin, async (url, init) => app.request(url, init));
        client.setCookie(`lang=${locale}`);
        const response = await client.get("/dev/mail");
        expect(response.status).toBe(500);
        await expect(await response.text()).toMatchFileSnapshot(`__snapshots__/${locale}/server-error.html`);
      } finally {
        await deps.cleanup();
      }
    });
  });
}
