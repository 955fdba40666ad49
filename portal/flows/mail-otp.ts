// Manual 2-6: 「ワンタイムパスワード (OTP) メール認証」. The code is mailed when the screen is first shown for
// this sign-in attempt; 再送信 mails the live code again (60 s cooldown) or a new one once it is spent.
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, SignedInEnv } from "../app-env";
import { requireSecondFactorPending } from "../auth/guards";
import { FLOWS, takeAttempt } from "../auth/limiter";
import {
  checkMailOtp,
  decideMailOtpResend,
  issueMailOtp,
  MAIL_OTP_DIGITS,
  MAIL_OTP_MAX_WRONG_TRIES,
  mailOtpRecordOf,
  mailOtpRowOf,
  spentReason,
} from "../auth/mail-otp";
import { completeSignIn, recordSecondFactorFailure, secondFactorScopes } from "../auth/second-factor";
import { normalizeOtpInput } from "../auth/totp";
import { consumeMailOtp, findMailOtp, markMailOtpResent, saveMailOtp, takeMailOtpTry } from "../db/mail-otp";
import { now } from "../deps";
import { readForm } from "../form";
import { changeAndMail, deliveryOf, type QueuedMail, retryNow, SCREEN_MAIL_WAIT_MS } from "../mail/outbox";
import { memberLocale } from "../mail/security-notice";
import { mailOtpMail } from "../mail/templates";
import { renderPage, translator } from "../views/layout";
import { MailOtpView, noFactorPage } from "../views/second-factor";

const PATH = "/login/second-factor/mail";

/** Only members who chose mail and confirmed their address get here. */
const mailChosenAndConfirmed = createMiddleware<SignedInEnv>(async (c, next) => {
  const member = c.var.session.member;
  if (member.auth_method !== "mail") return c.redirect("/login/second-factor", 303);
  if (!member.email || member.email_verified_at === null) return noFactorPage(c);
  await next();
});

/** The confirmed address the codes go to (mailChosenAndConfirmed let only members with one through). */
const addressOf = (c: Context<SignedInEnv>): string => c.var.session.member.email ?? "";

/** The outbox reference of this sign-in attempt's code mails: the screen reports the newest one. */
const mailRef = (c: Context<SignedInEnv>): string => `mail-otp:${c.var.session.id}`;

/** A new code stored and its mail queued in one transaction; then a short wait for the send. */
async function sendNewCode(c: Context<SignedInEnv>): Promise<void> {
  const deps = c.var.deps;
  const session = c.var.session;
  const { code, record } = issueMailOtp(deps.secretBox, session.id, now(deps));
  await changeAndMail(deps, async (trx, queue) => {
    await saveMailOtp(trx, mailOtpRowOf(session.member.id, record));
    await queue(codeMail(c, code, record.expiresAt));
  });
  await deps.outbox.settle(SCREEN_MAIL_WAIT_MS);
}

/** 再送信 of the live code: noted and queued together (or, while its mail still waits, that one tried now). */
async function resendLiveCode(c: Context<SignedInEnv>, code: string, expiresAt: number): Promise<void> {
  const deps = c.var.deps;
  const session = c.var.session;
  if (!(await retryNow(deps, mailRef(c)))) {
    await changeAndMail(deps, async (trx, queue) => {
      await markMailOtpResent(trx, session.id, now(deps));
      await queue(codeMail(c, code, expiresAt));
    });
  } else {
    await markMailOtpResent(deps.db, session.id, now(deps));
  }
  await deps.outbox.settle(SCREEN_MAIL_WAIT_MS);
}

function codeMail(c: Context<SignedInEnv>, code: string, expiresAt: number): QueuedMail {
  const locale = memberLocale(c.var.session.member, c.var.locale);
  return {
    kind: "mail-otp",
    message: mailOtpMail(locale, addressOf(c), code),
    ref: mailRef(c),
    memberId: c.var.session.member.id,
    discardAfter: expiresAt,
  };
}

async function page(c: Context<SignedInEnv>, state: { info?: string; error?: string }) {
  const tr = translator(c);
  const delivery = (await deliveryOf(c.var.deps.db, mailRef(c))) ?? "sent";
  const view = MailOtpView({
    tr,
    email: addressOf(c),
    delivery,
    info: delivery === "sent" ? (state.info ?? null) : null,
    error: state.error ?? null,
  });
  return renderPage(c, tr("mailOtp.title"), view, { status: state.error ? 400 : 200 });
}

/** Mounted at /login/second-factor/mail. */
export function mailOtpRoutes(): Hono<AppEnv> {
  const app = new Hono<SignedInEnv>();
  app.use("*", requireSecondFactorPending(), mailChosenAndConfirmed);

  app.get("/", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const row = await findMailOtp(deps.db, c.var.session.id);
    if (!row) await sendNewCode(c);
    // After 再送信 (post/redirect/get, so a reload does not post again): what happened.
    if (c.req.query("resent")) return page(c, { info: tr("mailOtp.resent") });
    const decision = row ? decideMailOtpResend(deps.secretBox, mailOtpRecordOf(row), now(deps)) : null;
    if (c.req.query("cooldown") && decision?.kind === "cooldown") {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      return page(c, { error: tr("mailOtp.cooldown", { seconds }) });
    }
    return page(c, {});
  });

  app.post("/", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const session = c.var.session;
    const member = session.member;
    const ip = c.var.ip;
    const code = (await readForm(c)).otp ?? "";
    if (normalizeOtpInput(code, MAIL_OTP_DIGITS) === null) {
      await recordSecondFactorFailure(deps, member, ip, "mail-malformed");
      return page(c, { error: tr("sf.otpInvalid") });
    }
    const attempt = await takeAttempt(deps, secondFactorScopes(c, FLOWS.mailCode, member));
    if (!attempt.allowed) {
      await recordSecondFactorFailure(deps, member, ip, "mail-throttled");
      return page(c, { error: tr("error.throttled") });
    }
    // The code's own 5 tries: one is taken by a conditional update, and the code is compared only if it won.
    const at = now(deps);
    const taken = await takeMailOtpTry(deps.db, {
      sessionId: session.id,
      at,
      maxTries: MAIL_OTP_MAX_WRONG_TRIES,
    });
    if (!taken) {
      const row = await findMailOtp(deps.db, session.id);
      if (!row) return c.redirect(PATH, 303);
      await recordSecondFactorFailure(deps, member, ip, `mail-${spentReason(mailOtpRecordOf(row), at)}`);
      return page(c, { error: tr("mailOtp.expired") });
    }
    const before = { ...mailOtpRecordOf(taken), wrongTries: Number(taken.wrong_tries) - 1 };
    const check = checkMailOtp(deps.secretBox, before, { attemptId: session.id, code, now: at });
    if (check.outcome === "accepted" && (await consumeMailOtp(deps.db, session.id, at))) {
      await attempt.succeeded();
      await completeSignIn(c, "mail");
      return c.redirect("/", 303);
    }
    // "accepted" here lost the race to consume the code: another request used it first.
    const outcome = check.outcome === "accepted" ? "used" : check.outcome;
    await recordSecondFactorFailure(deps, member, ip, `mail-${outcome}`);
    const exhaustedNow = check.outcome === "wrong" && check.triesLeft === 0;
    return page(c, {
      error: check.outcome === "wrong" && !exhaustedNow ? tr("sf.otpInvalid") : tr("mailOtp.expired"),
    });
  });

  app.post("/resend", async (c) => {
    const deps = c.var.deps;
    const session = c.var.session;
    const row = await findMailOtp(deps.db, session.id);
    const decision = decideMailOtpResend(deps.secretBox, row ? mailOtpRecordOf(row) : null, now(deps));
    if (decision.kind === "cooldown") return c.redirect(`${PATH}?cooldown=1`, 303);
    if (decision.kind === "resend-live") {
      await resendLiveCode(c, decision.code, decision.expiresAt);
    } else {
      await sendNewCode(c);
    }
    return c.redirect(`${PATH}?resent=1`, 303);
  });
  return app as unknown as Hono<AppEnv>;
}
