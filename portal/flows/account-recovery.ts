// Account recovery. Forgot password: user ID + birth date → a reset link (single use, 1 h) to the confirmed
// address. Forgot user ID: e-mail + birth date → the ID by mail. Both answer the same whatever the input
// (no enumeration) and are throttled per client.
import { type Context, Hono } from "hono";
import type { AppEnv } from "../app-env";
import { hashPassword, verifyPassword } from "../auth/password";
import { checkNewPassword } from "../auth/password-policy";
import { recordSecurityEvent } from "../auth/security-events";
import { endSession } from "../auth/session";
import { checkThrottle, clientKey, clientRule, recordFailure } from "../auth/throttle";
import { RECOVERY_SCOPE } from "../auth/throttle-scopes";
import { constantTimeEqual, hashToken, isWellFormedToken, randomToken } from "../auth/tokens";
import { findMemberById, findMemberByUserId, findMembersByVerifiedEmail } from "../db/members";
import { findUsablePasswordReset, insertPasswordReset, resetPasswordWithLink } from "../db/password-resets";
import type { Deps } from "../deps";
import { now } from "../deps";
import { parseBirthDate, parseEmail, problemMessage, readForm, textField } from "../form";
import { t } from "../i18n";
import { memberLocale, sendSecurityNotice } from "../mail/security-notice";
import { passwordResetMail, userIdReminderMail } from "../mail/templates";
import { type Mailer, type MailMessage, sendQuietly } from "../mail/transport";
import { ForgotPasswordView, ForgotUserIdView, ResetPasswordView } from "../views/account-recovery";
import { renderErrorPage } from "../views/error-page";
import { renderPage, translator } from "../views/layout";

export function accountRecoveryRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/forgot-password", (c) => {
    const tr = translator(c);
    return renderPage(c, tr("forgotPassword.title"), ForgotPasswordView({ tr }));
  });

  app.post("/forgot-password", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const form = await readForm(c);
    const userId = textField(form, "user_id", 64);
    const birth = textField(form, "birth_date", 10);
    const birthDate = birth.problem ? null : parseBirthDate(birth.value, deps.clock());
    if (userId.problem || !birthDate) {
      const error = userId.problem
        ? problemMessage(tr, userId.problem, tr("login.userId"), 64)
        : tr("birthDate.invalid");
      return renderPage(c, tr("forgotPassword.title"), ForgotPasswordView({ tr, error }), { status: 400 });
    }
    if (await allowed(deps, c.var.ip)) {
      const member = await findMemberByUserId(deps.db, userId.value);
      const matches = member && constantTimeEqual(member.birth_date, birthDate);
      if (member && matches && member.email && member.email_verified_at !== null) {
        const token = randomToken();
        await insertPasswordReset(deps.db, {
          tokenHash: hashToken(token),
          memberId: member.id,
          at: now(deps),
        });
        const link = `${deps.config.portalOrigin}/reset-password?token=${token}`;
        sendInBackground(
          deps.mailer,
          passwordResetMail(memberLocale(member, c.var.locale), member.email, link),
        );
        await recordSecurityEvent(deps, {
          memberId: member.id,
          type: "password-reset-requested",
          ip: c.var.ip,
        });
      } else {
        await recordFailure(deps, RECOVERY_SCOPE, clientKey(c.var.ip), clientRule);
      }
    }
    return renderPage(c, tr("forgotPassword.title"), ForgotPasswordView({ tr, sent: true }));
  });

  app.get("/forgot-user-id", (c) => {
    const tr = translator(c);
    return renderPage(c, tr("forgotUserId.title"), ForgotUserIdView({ tr }));
  });

  app.post("/forgot-user-id", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const form = await readForm(c);
    const rawEmail = textField(form, "email", 254);
    const email = rawEmail.problem ? null : parseEmail(rawEmail.value);
    const birth = textField(form, "birth_date", 10);
    const birthDate = birth.problem ? null : parseBirthDate(birth.value, deps.clock());
    if (!email || !birthDate) {
      const error = email ? tr("birthDate.invalid") : tr("email.invalid");
      return renderPage(c, tr("forgotUserId.title"), ForgotUserIdView({ tr, error }), { status: 400 });
    }
    if (await allowed(deps, c.var.ip)) {
      const members = (await findMembersByVerifiedEmail(deps.db, email)).filter((m) =>
        constantTimeEqual(m.birth_date, birthDate),
      );
      const first = members[0];
      if (first) {
        const locale = memberLocale(first, c.var.locale);
        sendInBackground(
          deps.mailer,
          userIdReminderMail(
            locale,
            email,
            members.map((m) => m.user_id),
          ),
        );
      } else {
        await recordFailure(deps, RECOVERY_SCOPE, clientKey(c.var.ip), clientRule);
      }
    }
    return renderPage(c, tr("forgotUserId.title"), ForgotUserIdView({ tr, sent: true }));
  });

  app.get("/reset-password", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const token = c.req.query("token");
    const reset = isWellFormedToken(token)
      ? await findUsablePasswordReset(deps.db, hashToken(token), now(deps))
      : null;
    const member = reset ? await findMemberById(deps.db, reset.member_id) : undefined;
    if (!token || !member) return invalidResetLink(c);
    return renderPage(c, tr("reset.title"), ResetPasswordView({ tr, token, userId: member.user_id }));
  });

  app.post("/reset-password", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const form = await readForm(c);
    const token = form.token;
    if (!isWellFormedToken(token)) return invalidResetLink(c);
    const tokenHash = hashToken(token);
    const reset = await findUsablePasswordReset(deps.db, tokenHash, now(deps));
    const member = reset ? await findMemberById(deps.db, reset.member_id) : undefined;
    if (!member) return invalidResetLink(c);
    const password = form.new_password ?? "";
    const problem =
      checkNewPassword({ password, confirmation: form.confirm_password ?? "", userId: member.user_id }) ??
      (member.password_is_initial === 1 && (await verifyPassword(member.password_hash, password))
        ? "password.sameAsInitial"
        : null);
    if (problem) {
      return renderPage(
        c,
        tr("reset.title"),
        ResetPasswordView({ tr, token, userId: member.user_id, error: tr(problem) }),
        {
          status: 400,
        },
      );
    }
    const done = await resetPasswordWithLink(deps.db, {
      tokenHash,
      memberId: member.id,
      passwordHash: await hashPassword(password),
      at: now(deps),
    });
    if (!done) return invalidResetLink(c);
    await recordSecurityEvent(deps, { memberId: member.id, type: "password-reset", ip: c.var.ip });
    await sendSecurityNotice(deps, member, (locale) => t(locale, "notice.passwordReset"));
    await endSession(c);
    return c.redirect("/login?info=reset", 303);
  });
  return app;
}

/** The answer must not wait for the SMTP round trip: a slower reply would tell that the input matched. */
function sendInBackground(mailer: Mailer, message: MailMessage): void {
  void sendQuietly(mailer, message, "recovery mail");
}

/** Recovery requests per client address: slows down guessing of IDs, addresses and birth dates. */
async function allowed(deps: Deps, ip: string | null): Promise<boolean> {
  return (await checkThrottle(deps, RECOVERY_SCOPE, clientKey(ip))).allowed;
}

function invalidResetLink(c: Context<AppEnv>): Response {
  return renderErrorPage(c, {
    title: "reset.title",
    message: "reset.invalid",
    status: 400,
    link: { href: "/forgot-password", label: "forgotPassword.title" },
  });
}
