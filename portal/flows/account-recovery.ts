// Account recovery. Forgot password: user ID + birth date → a reset link (single use, 1 h) to the confirmed
// address. Forgot user ID: e-mail + birth date → the ID by mail. Both answer the same whatever the input
// (no enumeration). Every request is taken from the client's recovery limit (auth/limiter.ts); a member gets
// at most one recovery mail of a kind per cooldown and RECOVERY_MAIL_LIMITS.perWindow a day
// (db/recovery-mails.ts); a repeated "forgot password" re-sends the live link (its token is kept sealed with
// the secret box while it is live) instead of replacing it, so a flood of requests can neither fill the inbox
// nor kill the link.
import { type Context, Hono } from "hono";
import type { Kysely } from "kysely";
import type { AppEnv } from "../app-env";
import { clientScope, FLOWS, takeAttempt } from "../auth/limiter";
import { hashPassword, verifyPassword } from "../auth/password";
import { checkNewPassword } from "../auth/password-policy";
import { recordSecurityEvent } from "../auth/security-events";
import { endSession } from "../auth/session";
import { constantTimeEqual, hashToken, isWellFormedToken, randomToken } from "../auth/tokens";
import { findMemberById, findMemberByUserId, findMembersByVerifiedEmail } from "../db/members";
import {
  findLivePasswordReset,
  findUsablePasswordReset,
  insertPasswordReset,
  RESET_LINK_LIFETIME_MS,
  resetPasswordWithLink,
} from "../db/password-resets";
import { type RecoveryMailKind, type RecoveryMailLimits, takeRecoveryMail } from "../db/recovery-mails";
import type { Database } from "../db/schema";
import type { Deps } from "../deps";
import { now } from "../deps";
import { type Form, parseBirthDate, parseEmail, problemMessage, readForm, textField } from "../form";
import { t } from "../i18n";
import { changeAndMail } from "../mail/outbox";
import { memberLocale, queueSecurityNotice } from "../mail/security-notice";
import { passwordResetMail, userIdReminderMail } from "../mail/templates";
import { ForgotPasswordView, ForgotUserIdView, ResetPasswordView } from "../views/account-recovery";
import { renderErrorPage } from "../views/error-page";
import { renderPage, translator } from "../views/layout";

/** Per member and kind: one mail per 5 minutes, 5 in 24 hours. */
export const RECOVERY_MAIL_LIMITS: RecoveryMailLimits = {
  cooldownMs: 5 * 60_000,
  windowMs: 24 * 60 * 60_000,
  perWindow: 5,
};
/** A live link is re-sent only while the member still has time to use it; otherwise a new one replaces it. */
const RESEND_MIN_LIFE_MS = 15 * 60_000;

export function accountRecoveryRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/forgot-password", (c) => requestPage(c, "forgotPassword"));

  app.post("/forgot-password", async (c) => {
    const form = await readForm(c);
    const userId = textField(form, "user_id", 64);
    const birthDate = birthDateField(c, form);
    if (userId.problem || !birthDate) {
      const tr = translator(c);
      const error = userId.problem
        ? problemMessage(tr, userId.problem, tr("login.userId"), 64)
        : tr("birthDate.invalid");
      return requestPage(c, "forgotPassword", { error });
    }
    const deps = c.var.deps;
    if (await recoveryAllowed(deps, c.var.ip)) {
      const member = await findMemberByUserId(deps.db, userId.value);
      const matches = member && constantTimeEqual(member.birth_date, birthDate);
      if (member && matches && member.email && member.email_verified_at !== null) {
        const to = member.email;
        // The mail counted, the link and the mail queued: one transaction. The answer does not wait for the
        // send (a slower reply would tell that the input matched); the worker sends it after the commit.
        const link = await changeAndMail(deps, async (trx, queue) => {
          if (!(await mayMailMember(trx, deps, member.id, "password-reset"))) return null;
          const found = await resetLinkFor(trx, deps, member.id);
          await queue({
            kind: "password-reset",
            message: passwordResetMail(memberLocale(member, c.var.locale), to, found.url),
            memberId: member.id,
            discardAfter: found.expiresAt,
          });
          return found;
        });
        await recordSecurityEvent(deps, {
          memberId: member.id,
          type: "password-reset-requested",
          ip: c.var.ip,
          detail: link ? link.kind : "held",
        });
      }
    }
    return requestPage(c, "forgotPassword", { sent: true });
  });

  app.get("/forgot-user-id", (c) => requestPage(c, "forgotUserId"));

  app.post("/forgot-user-id", async (c) => {
    const form = await readForm(c);
    const rawEmail = textField(form, "email", 254);
    const email = rawEmail.problem ? null : parseEmail(rawEmail.value);
    const birthDate = birthDateField(c, form);
    if (!email || !birthDate) {
      const tr = translator(c);
      const error = email ? tr("birthDate.invalid") : tr("email.invalid");
      return requestPage(c, "forgotUserId", { error });
    }
    const deps = c.var.deps;
    if (await recoveryAllowed(deps, c.var.ip)) {
      const members = (await findMembersByVerifiedEmail(deps.db, email)).filter((m) =>
        constantTimeEqual(m.birth_date, birthDate),
      );
      const first = members[0];
      if (first) {
        const message = userIdReminderMail(
          memberLocale(first, c.var.locale),
          email,
          members.map((m) => m.user_id),
        );
        await changeAndMail(deps, async (trx, queue) => {
          if (await mayMailMember(trx, deps, first.id, "user-id")) {
            await queue({ kind: "user-id", message, memberId: first.id });
          }
        });
      }
    }
    return requestPage(c, "forgotUserId", { sent: true });
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
    const passwordHash = await hashPassword(password);
    const done = await changeAndMail(deps, async (trx, queue) => {
      const used = await resetPasswordWithLink(trx, {
        tokenHash,
        memberId: member.id,
        passwordHash,
        at: now(deps),
      });
      if (used) await queueSecurityNotice(deps, queue, member, (locale) => t(locale, "notice.passwordReset"));
      return used;
    });
    if (!done) return invalidResetLink(c);
    await recordSecurityEvent(deps, { memberId: member.id, type: "password-reset", ip: c.var.ip });
    await endSession(c);
    return c.redirect("/login?info=reset", 303);
  });
  return app;
}

/** A request form: empty, with the input's problem (400), or the answer that is the same whatever was entered. */
function requestPage(
  c: Context<AppEnv>,
  page: "forgotPassword" | "forgotUserId",
  answer: { error?: string; sent?: boolean } = {},
): Response {
  const tr = translator(c);
  const View = page === "forgotPassword" ? ForgotPasswordView : ForgotUserIdView;
  return renderPage(c, tr(`${page}.title`), View({ tr, ...answer }), answer.error ? { status: 400 } : {});
}

/** The birth date entered, or null when it is missing or not a valid date. */
function birthDateField(c: Context<AppEnv>, form: Form): string | null {
  const birth = textField(form, "birth_date", 10);
  return birth.problem ? null : parseBirthDate(birth.value, c.var.deps.clock());
}

/**
 * Every recovery request is taken from the client address's limit (matching or not, never given back): slows
 * down guessing of IDs, addresses and birth dates, and bounds what one client can make the portal mail.
 */
async function recoveryAllowed(deps: Deps, ip: string | null): Promise<boolean> {
  return (await takeAttempt(deps, [clientScope(FLOWS.recovery, ip)])).allowed;
}

function mayMailMember(
  db: Kysely<Database>,
  deps: Deps,
  memberId: string,
  kind: RecoveryMailKind,
): Promise<boolean> {
  return takeRecoveryMail(db, { memberId, kind, at: now(deps) }, RECOVERY_MAIL_LIMITS);
}

/**
 * The member's live reset link when it still has RESEND_MIN_LIFE_MS left (the mail already in the inbox
 * stays valid), else a new one that replaces the older links. The token is kept sealed (AES-256-GCM with the
 * portal's secret key, bound to the row's hash) only so that it can be re-sent: a copy of the database alone
 * opens no link, and the seal is dropped as soon as the link is used or replaced.
 */
async function resetLinkFor(
  db: Kysely<Database>,
  deps: Deps,
  memberId: string,
): Promise<{ url: string; kind: "sent" | "resent"; expiresAt: number }> {
  const box = deps.secretBox;
  const at = now(deps);
  const live = await findLivePasswordReset(db, memberId, at, RESEND_MIN_LIFE_MS);
  let token = live?.token_sealed ? box.open(live.token_sealed, `password-reset:${live.token_hash}`) : null;
  const kind = token ? "resent" : "sent";
  if (!token) {
    token = randomToken();
    const tokenHash = hashToken(token);
    const tokenSealed = box.seal(token, `password-reset:${tokenHash}`);
    await insertPasswordReset(db, { tokenHash, tokenSealed, memberId, at });
  }
  const expiresAt = live && kind === "resent" ? Number(live.expires_at) : at + RESET_LINK_LIFETIME_MS;
  return { url: `${deps.config.portalOrigin}/reset-password?token=${token}`, kind, expiresAt };
}

function invalidResetLink(c: Context<AppEnv>): Response {
  return renderErrorPage(c, {
    title: "reset.title",
    message: "reset.invalid",
    status: 400,
    link: { href: "/forgot-password", label: "forgotPassword.title" },
  });
}
