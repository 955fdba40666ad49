// Sign-in with user ID + password (manual 1-[2]) and ログアウト. Unknown user, wrong password and throttled
// attempts give the same message after the same Argon2 work (a dummy hash stands in for unknown users). The
// attempt is taken (auth/limiter.ts) before the password is verified.
import type { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { accountOrDeviceScope, knownDeviceOf } from "../auth/known-device";
import { clientScope, FLOWS, takeAttempt } from "../auth/limiter";
import { verifyAgainstDummy, verifyPassword } from "../auth/password";
import { recordSecurityEvent } from "../auth/security-events";
import { endSession, pendingPathFor, startSession } from "../auth/session";
import { findMemberByUserId, updateMember } from "../db/members";
import type { Deps } from "../deps";
import { now } from "../deps";
import { renderPage, translator } from "../views/layout";
import { PASSKEY_SCRIPT } from "../views/passkey";
import { SignInView } from "../views/sign-in";
import { readForm, textField } from "./form";

const infoMessages = {
  "signed-out": "login.signedOut",
  declined: "login.declinedTerms",
  reset: "reset.done",
} as const;

export function registerSignInRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get("/login", (c) => {
    const session = c.get("session");
    if (session) return c.redirect(session.level === "full" ? "/" : pendingPathFor(session), 303);
    const tr = translator(c);
    const infoKey = infoMessages[c.req.query("info") as keyof typeof infoMessages];
    return renderPage(c, tr("login.title"), SignInView({ tr, info: infoKey ? tr(infoKey) : null }), {
      scripts: [PASSKEY_SCRIPT],
    });
  });

  app.post("/login", async (c) => {
    const tr = translator(c);
    const form = await readForm(c);
    const userId = textField(form, "user_id", 64);
    const password = textField(form, "password", 1024, { trim: false });
    const ip = c.get("ip");
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

    await attempt.succeeded();
    await startSession(c, member.id, { level: "password", remember: form.remember === "on" });
    await updateMember(deps.db, member.id, { locale: c.get("locale"), updated_at: now(deps) });
    await recordSecurityEvent(deps, { memberId: member.id, type: "sign-in", ip, detail: "password" });
    const session = c.get("session");
    return c.redirect(session ? pendingPathFor(session) : "/login", 303);
  });

  app.post("/logout", async (c) => {
    const session = c.get("session");
    if (session)
      await recordSecurityEvent(deps, { memberId: session.member.id, type: "sign-out", ip: c.get("ip") });
    await endSession(c, deps);
    return c.redirect("/login?info=signed-out", 303);
  });
}
