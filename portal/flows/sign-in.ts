// Sign-in with user ID + password (manual 1-[2]) and ログアウト. Unknown user, wrong password and throttled
// attempts give the same message after the same Argon2 work (a dummy hash stands in for unknown users). The
// attempt is taken (auth/limiter.ts) before the password is verified. A success is written in one
// transaction — the limiter's clear, the session, the member's locale, the security event — so it commits
// once, and nothing of it stands if any part fails.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { accountOrDeviceScope, knownDeviceOf } from "../auth/known-device";
import { clientScope, FLOWS, takeAttempt } from "../auth/limiter";
import { verifyAgainstDummy, verifyPassword } from "../auth/password";
import { recordSecurityEvent } from "../auth/security-events";
import { endSession, enterSession, pendingPathFor, writeNewSession } from "../auth/session";
import { findMemberByUserId, setMemberLocale } from "../db/members";
import { inTransaction } from "../db/transaction";
import { now } from "../deps";
import { readForm, textField } from "../form";
import { renderPage, translator } from "../views/layout";
import { PASSKEY_SCRIPT } from "../views/passkey";
import { SignInView } from "../views/sign-in";

const infoMessages = {
  "signed-out": "login.signedOut",
  declined: "login.declinedTerms",
  reset: "reset.done",
} as const;

export function signInRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/login", (c) => {
    const session = c.var.session;
    if (session) return c.redirect(session.level === "full" ? "/" : pendingPathFor(session), 303);
    const tr = translator(c);
    const infoKey = infoMessages[c.req.query("info") as keyof typeof infoMessages];
    return renderPage(c, tr("login.title"), SignInView({ tr, info: infoKey ? tr(infoKey) : null }), {
      scripts: [PASSKEY_SCRIPT],
    });
  });

  app.post("/login", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const form = await readForm(c);
    const userId = textField(form, "user_id", 64);
    const password = textField(form, "password", 1024, { trim: false });
    const ip = c.var.ip;
    if (userId.problem === "required" || password.problem === "required") {
      const field = userId.problem === "required" ? tr("login.userId") : tr("login.password");
      return renderPage(
        c,
        tr("login.title"),
        SignInView({ tr, userId: userId.value, error: tr("form.required", { field }) }),
        { status: 400, scripts: [PASSKEY_SCRIPT] },
      );
    }
    const member = userId.problem ? undefined : await findMemberByUserId(deps.db, userId.value);
    const attempt = await takeAttempt(deps, [
      accountOrDeviceScope(c, FLOWS.password, member, userId.value),
      clientScope(FLOWS.password, ip),
    ]);
    const priority = member && knownDeviceOf(c, member.id) ? "known-device" : "normal";
    const ok =
      member && attempt.allowed && !password.problem
        ? await verifyPassword(member.password_hash, password.value, priority)
        : await verifyAgainstDummy(password.value, priority);

    if (!ok || !member) {
      if (member) {
        await recordSecurityEvent(deps, {
          memberId: member.id,
          type: "sign-in-failed",
          ip,
          detail: attempt.allowed ? "password" : "throttled",
        });
      }
      return renderPage(
        c,
        tr("login.title"),
        SignInView({ tr, userId: userId.value, error: tr("login.failed") }),
        { status: 400, scripts: [PASSKEY_SCRIPT] },
      );
    }

    // The member's language is written only when it changed: an unchanged row is not rewritten.
    const changes = member.locale === c.var.locale ? {} : { locale: c.var.locale, updated_at: now(deps) };
    const session = await inTransaction(deps.db, async (db) => {
      await attempt.succeeded(db);
      const written = await writeNewSession(c, db, member.id, {
        level: "password",
        remember: form.remember === "on",
      });
      if (changes.locale) await setMemberLocale(db, member.id, changes.locale, changes.updated_at);
      await recordSecurityEvent(
        { db, clock: deps.clock },
        { memberId: member.id, type: "sign-in", ip, detail: "password" },
      );
      return written;
    });
    enterSession(c, session, { ...member, ...changes }); // the member as just written: no read-back
    const current = c.var.session;
    return c.redirect(current ? pendingPathFor(current) : "/login", 303);
  });

  app.post("/logout", async (c) => {
    const session = c.var.session;
    if (session)
      await recordSecurityEvent(c.var.deps, { memberId: session.member.id, type: "sign-out", ip: c.var.ip });
    await endSession(c);
    return c.redirect("/login?info=signed-out", 303);
  });
  return app;
}
