// The first-login step machine (manual 1-[3]…[10]). Every page checks that it is the member's pending
// step (auth/first-login-steps.ts), so the flow resumes where it stopped and no URL skips a step.
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, CurrentSession, SignedInEnv } from "../app-env";
import {
  resendVerificationMail,
  resendWait,
  sendVerificationMail,
  verificationDelivery,
} from "../auth/email-verification";
import { type FirstLoginStep, isAuthMethod, pendingStep, stepPath } from "../auth/first-login-steps";
import { accountOrDeviceScope } from "../auth/known-device";
import { clientScope, FLOWS, takeAttempt } from "../auth/limiter";
import { hashPassword, verifyPassword } from "../auth/password";
import { checkNewPassword } from "../auth/password-policy";
import { recordSecurityEvent } from "../auth/security-events";
import { endOtherSessions, endSession, rotateSession } from "../auth/session";
import { constantTimeEqual } from "../auth/tokens";
import { updateMember } from "../db/members";
import type { MemberUpdate } from "../db/schema";
import { now } from "../deps";
import { parseBirthDate, parseEmail, readForm, textField } from "../form";
import { t } from "../i18n";
import { changeAndMail } from "../mail/outbox";
import { queueSecurityNotice } from "../mail/security-notice";
import { EmailStepView } from "../views/email-step";
import { BirthDateView, CompleteView, MethodView, NewPasswordView, TermsView } from "../views/first-login";
import { renderPage, translator } from "../views/layout";

/** Only the member's pending step may be shown or posted; anything else goes back to it. */
function onStep(step: FirstLoginStep) {
  return createMiddleware<SignedInEnv>(async (c, next) => {
    const session = c.get("session") as CurrentSession | null;
    if (!session) return c.redirect("/login", 303);
    if (session.level === "full") return c.redirect("/", 303);
    const pending = pendingStep(session.member);
    if (pending !== step) return c.redirect(stepPath(pending), 303);
    await next();
  });
}

const member = (c: Context<SignedInEnv>) => c.var.session.member;

async function update(c: Context<SignedInEnv>, changes: MemberUpdate): Promise<void> {
  const deps = c.var.deps;
  await updateMember(deps.db, member(c).id, { ...changes, updated_at: now(deps) });
}

/** Mounted at /first-login. */
export function firstLoginRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => {
    const session = c.var.session;
    if (!session) return c.redirect("/login", 303);
    if (session.level === "full") return c.redirect("/", 303);
    return c.redirect(stepPath(pendingStep(session.member)), 303);
  });

  // [3] 生年月日
  app.get("/birth-date", onStep("birth-date"), (c) => {
    const tr = translator(c);
    return renderPage(c, tr("birthDate.title"), BirthDateView({ tr }));
  });
  app.post("/birth-date", onStep("birth-date"), async (c) => {
    const tr = translator(c);
    const me = member(c);
    const input = textField(await readForm(c), "birth_date", 10);
    const deps = c.var.deps;
    const date = input.problem ? null : parseBirthDate(input.value, deps.clock());
    if (!date) {
      return renderPage(c, tr("birthDate.title"), BirthDateView({ tr, error: tr("birthDate.invalid") }), {
        status: 400,
      });
    }
    const ip = c.var.ip;
    const attempt = await takeAttempt(deps, [
      accountOrDeviceScope(c, FLOWS.birthDate, me),
      clientScope(FLOWS.birthDate, ip),
    ]);
    if (!attempt.allowed) {
      await recordSecurityEvent(deps, {
        memberId: me.id,
        type: "birth-date-failed",
        ip,
        detail: "throttled",
      });
      return renderPage(c, tr("birthDate.title"), BirthDateView({ tr, error: tr("error.throttled") }), {
        status: 429,
      });
    }
    if (!constantTimeEqual(date, me.birth_date)) {
      await recordSecurityEvent(deps, { memberId: me.id, type: "birth-date-failed", ip, detail: "judged" });
      return renderPage(c, tr("birthDate.title"), BirthDateView({ tr, error: tr("birthDate.mismatch") }), {
        status: 400,
      });
    }
    await attempt.succeeded();
    await update(c, { birth_date_confirmed_at: now(deps) });
    return c.redirect("/first-login", 303);
  });

  // [4] 利用規約: 同意する, or decline (signs out)
  app.get("/terms", onStep("terms"), (c) => {
    const tr = translator(c);
    return renderPage(c, tr("terms.title"), TermsView({ tr }));
  });
  app.post("/terms", onStep("terms"), async (c) => {
    const deps = c.var.deps;
    const decision = (await readForm(c)).decision;
    if (decision === "agree") {
      await update(c, { terms_accepted_at: now(deps) });
      await recordSecurityEvent(deps, { memberId: member(c).id, type: "terms-accepted", ip: c.var.ip });
      return c.redirect("/first-login", 303);
    }
    if (decision === "decline") {
      await endSession(c);
      return c.redirect("/login?info=declined", 303);
    }
    const tr = translator(c);
    return renderPage(c, tr("terms.title"), TermsView({ tr }), { status: 400 });
  });

  // [5]–[7] メールアドレス: send the link, refresh until it was opened (in any browser)
  app.get("/email", onStep("email"), async (c) => {
    const tr = translator(c);
    const me = member(c);
    const delivery = me.pending_email ? await verificationDelivery(c.var.deps, me.id) : "sent";
    const info =
      c.req.query("resent") && delivery === "sent"
        ? tr("email.resent")
        : c.req.query("refresh") && me.pending_email && delivery === "sent"
          ? tr("email.notYet")
          : null;
    return renderPage(
      c,
      tr("email.title"),
      EmailStepView({ tr, pendingEmail: me.pending_email, delivery, info }),
    );
  });
  app.post("/email", onStep("email"), async (c) => {
    const tr = translator(c);
    const me = member(c);
    const deps = c.var.deps;
    const raw = textField(await readForm(c), "email", 254);
    const email = raw.problem ? null : parseEmail(raw.value);
    const render = (error: string, status: 400 | 429) =>
      renderPage(
        c,
        tr("email.title"),
        EmailStepView({ tr, pendingEmail: me.pending_email, error, value: raw.value }),
        { status },
      );
    if (!email) return render(tr("email.invalid"), 400);
    const wait = await resendWait(deps, me.id);
    if (wait > 0) return render(tr("email.cooldown", { seconds: Math.ceil(wait / 1000) }), 429);
    await sendVerificationMail(deps, me, email, c.var.locale);
    return c.redirect("/first-login/email", 303);
  });
  app.post("/email/resend", onStep("email"), async (c) => {
    const tr = translator(c);
    const me = member(c);
    const deps = c.var.deps;
    if (!me.pending_email) return c.redirect("/first-login/email", 303);
    const wait = await resendWait(deps, me.id);
    if (wait > 0) {
      const info = tr("email.cooldown", { seconds: Math.ceil(wait / 1000) });
      return renderPage(c, tr("email.title"), EmailStepView({ tr, pendingEmail: me.pending_email, info }), {
        status: 429,
      });
    }
    await resendVerificationMail(deps, me, me.pending_email, c.var.locale);
    return c.redirect("/first-login/email?resent=1", 303);
  });

  // [8] 認証方法の選択
  app.get("/method", onStep("method"), (c) => {
    const tr = translator(c);
    return renderPage(c, tr("method.title"), MethodView({ tr }));
  });
  app.post("/method", onStep("method"), async (c) => {
    const method = (await readForm(c)).method;
    if (!isAuthMethod(method)) {
      const tr = translator(c);
      return renderPage(c, tr("method.title"), MethodView({ tr, error: tr("method.required") }), {
        status: 400,
      });
    }
    await update(c, { auth_method: method });
    await recordSecurityEvent(c.var.deps, {
      memberId: member(c).id,
      type: "method-chosen",
      ip: c.var.ip,
      detail: method,
    });
    return c.redirect("/first-login", 303);
  });

  // [9] 新しいパスワード
  app.get("/password", onStep("password"), (c) => {
    const tr = translator(c);
    return renderPage(c, tr("password.title"), NewPasswordView({ tr, userId: member(c).user_id }));
  });
  app.post("/password", onStep("password"), async (c) => {
    const tr = translator(c);
    const me = member(c);
    const deps = c.var.deps;
    const form = await readForm(c);
    const password = form.new_password ?? "";
    const problem =
      checkNewPassword({ password, confirmation: form.confirm_password ?? "", userId: me.user_id }) ??
      ((await verifyPassword(me.password_hash, password)) ? "password.sameAsInitial" : null);
    if (problem) {
      return renderPage(
        c,
        tr("password.title"),
        NewPasswordView({ tr, userId: me.user_id, error: tr(problem) }),
        {
          status: 400,
        },
      );
    }
    const at = now(deps);
    const passwordHash = await hashPassword(password);
    await changeAndMail(deps, async (trx, queue) => {
      await updateMember(trx, me.id, {
        password_hash: passwordHash,
        password_is_initial: 0,
        password_changed_at: at,
        first_login_completed_at: at,
        updated_at: at,
      });
      await queueSecurityNotice(deps, queue, me, (locale) => t(locale, "notice.passwordChanged"));
    });
    const rotated = await rotateSession(c, { level: "password" });
    await endOtherSessions(deps, me.id, rotated.id);
    await recordSecurityEvent(deps, { memberId: me.id, type: "password-changed", ip: c.var.ip });
    await recordSecurityEvent(deps, { memberId: me.id, type: "first-login-completed", ip: c.var.ip });
    return c.redirect("/first-login/complete", 303);
  });

  // [10]–[11] 初回ログイン完了 → ログアウト
  app.get("/complete", onStep("complete"), (c) => {
    const tr = translator(c);
    return renderPage(c, tr("complete.title"), CompleteView({ tr, method: member(c).auth_method }));
  });
  return app;
}
