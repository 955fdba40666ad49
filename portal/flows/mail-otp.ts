// Manual 2-6: 「ワンタイムパスワード (OTP) メール認証」. The code is mailed when the screen is first shown for
// this sign-in attempt; 再送信 mails the live code again (60 s cooldown) or a new one once it is spent.
import type { Context, Hono } from "hono";
import type { AppEnv, CurrentSession } from "../app-env";
import { FLOWS, takeAttempt } from "../auth/limiter";
import {
  checkMailOtp,
  decideMailOtpResend,
  issueMailOtp,
  MAIL_OTP_DIGITS,
  MAIL_OTP_MAX_WRONG_TRIES,
  spentReason,
} from "../auth/mail-otp";
import { normalizeOtpInput } from "../auth/totp";
import {
  consumeMailOtp,
  findMailOtp,
  markMailOtpResent,
  saveMailOtp,
  takeMailOtpTry,
  toMailOtpRecord,
} from "../db/mail-otp";
import type { Deps } from "../deps";
import { now } from "../deps";
import { memberLocale } from "../mail/security-notice";
import { mailOtpMail } from "../mail/templates";
import { renderPage, type Translate, translator } from "../views/layout";
import { MailOtpView } from "../views/second-factor";
import { readForm } from "./form";
import { noFactorPage, pendingSecondFactor } from "./second-factor";
import {
  completeSignIn,
  recordSecondFactorFailure,
  secondFactorScopes,
  secretBoxOf,
} from "./second-factor-common";

const PATH = "/login/second-factor/mail";

/** Only members who chose mail and confirmed their address get here. */
function mailSession(c: Context<AppEnv>): CurrentSession | Response {
  const session = pendingSecondFactor(c);
  if (session instanceof Response) return session;
  const member = session.member;
  if (member.auth_method !== "mail") return c.redirect("/login/second-factor", 303);
  if (!member.email || member.email_verified_at === null) {
    return noFactorPage(c);
  }
  return session;
}

async function sendNewCode(c: Context<AppEnv>, deps: Deps, session: CurrentSession): Promise<void> {
  const { code, record } = issueMailOtp(secretBoxOf(deps), session.id, now(deps));
  await saveMailOtp(deps.db, session.member.id, record);
  await mail(c, deps, session, code);
}

async function mail(c: Context<AppEnv>, deps: Deps, session: CurrentSession, code: string): Promise<void> {
  const locale = memberLocale(session.member, c.get("locale"));
  await deps.mailer.send(mailOtpMail(locale, session.member.email!, code));
}

function page(
  c: Context<AppEnv>,
  tr: Translate,
  session: CurrentSession,
  state: { info?: string; error?: string },
) {
  const view = MailOtpView({
    tr,
    email: session.member.email!,
    info: state.info ?? null,
    error: state.error ?? null,
  });
  return renderPage(c, tr("mailOtp.title"), view, { status: state.error ? 400 : 200 });
}

export function registerMailOtpRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get(PATH, async (c) => {
    const session = mailSession(c);
    if (session instanceof Response) return session;
    const tr = translator(c);
    const row = await findMailOtp(deps.db, session.id);
    if (!row) await sendNewCode(c, deps, session);
    // After 再送信 (post/redirect/get, so a reload does not post again): what happened.
    if (c.req.query("resent")) return page(c, tr, session, { info: tr("mailOtp.resent") });
    const decision = row ? decideMailOtpResend(secretBoxOf(deps), toMailOtpRecord(row), now(deps)) : null;
    if (c.req.query("cooldown") && decision?.kind === "cooldown") {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      return page(c, tr, session, { error: tr("mailOtp.cooldown", { seconds }) });
    }
    return page(c, tr, session, {});
  });

  app.post(PATH, async (c) => {
    const session = mailSession(c);
    if (session instanceof Response) return session;
    const tr = translator(c);
    const member = session.member;
    const ip = c.get("ip");
    const code = (await readForm(c)).otp ?? "";
    if (normalizeOtpInput(code, MAIL_OTP_DIGITS) === null) {
      await recordSecondFactorFailure(deps, member, ip, "mail-malformed");
      return page(c, tr, session, { error: tr("sf.otpInvalid") });
    }
    const attempt = await takeAttempt(deps, secondFactorScopes(c, FLOWS.mailCode, member));
    if (!attempt.allowed) {
      await recordSecondFactorFailure(deps, member, ip, "mail-throttled");
      return page(c, tr, session, { error: tr("error.throttled") });
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
      await recordSecondFactorFailure(deps, member, ip, `mail-${spentReason(toMailOtpRecord(row), at)}`);
      return page(c, tr, session, { error: tr("mailOtp.expired") });
    }
    const before = { ...toMailOtpRecord(taken), wrongTries: Number(taken.wrong_tries) - 1 };
    const check = checkMailOtp(secretBoxOf(deps), before, { attemptId: session.id, code, now: at });
    if (check.outcome === "accepted" && (await consumeMailOtp(deps.db, session.id, at))) {
      await attempt.succeeded();
      await completeSignIn(c, deps, "mail");
      return c.redirect("/", 303);
    }
    // "accepted" here lost the race to consume the code: another request used it first.
    const outcome = check.outcome === "accepted" ? "used" : check.outcome;
    await recordSecondFactorFailure(deps, member, ip, `mail-${outcome}`);
    const exhaustedNow = check.outcome === "wrong" && check.triesLeft === 0;
    return page(c, tr, session, {
      error: check.outcome === "wrong" && !exhaustedNow ? tr("sf.otpInvalid") : tr("mailOtp.expired"),
    });
  });

  app.post(`${PATH}/resend`, async (c) => {
    const session = mailSession(c);
    if (session instanceof Response) return session;
    const row = await findMailOtp(deps.db, session.id);
    const decision = decideMailOtpResend(secretBoxOf(deps), row ? toMailOtpRecord(row) : null, now(deps));
    if (decision.kind === "cooldown") return c.redirect(`${PATH}?cooldown=1`, 303);
    if (decision.kind === "resend-live") {
      await markMailOtpResent(deps.db, session.id, now(deps));
      await mail(c, deps, session, decision.code);
    } else {
      await sendNewCode(c, deps, session);
    }
    return c.redirect(`${PATH}?resent=1`, 303);
  });
}
