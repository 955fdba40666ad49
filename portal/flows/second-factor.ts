// Every later sign-in, after ID + password: /login/second-factor asks for the enrolled factor (or sends the
// member to set it up on the set-up sign-in of manual section 2). App codes and passkeys are checked here;
// mail codes in mail-otp.ts. Success rotates the session token to the full level.
import type { Context, Hono } from "hono";
import type { AppEnv, CurrentSession } from "../app-env";
import { FLOWS, takeAttempt } from "../auth/limiter";
import { pendingPathFor } from "../auth/session";
import { verifyTotp } from "../auth/totp";
import type { AuthMethod } from "../db/schema";
import { claimTotpStep } from "../db/totp-devices";
import type { Deps } from "../deps";
import { now } from "../deps";
import { renderPage, translator } from "../views/layout";
import { MessageView } from "../views/message-page";
import { PASSKEY_SCRIPT, PasskeySignInView } from "../views/passkey";
import { OtherMethods, TotpCodeView } from "../views/second-factor";
import { readForm } from "./form";
import { openMemberAssertion, verifyMemberAssertion } from "./passkey-ceremony";
import {
  completeSignIn,
  factorsOf,
  recordSecondFactorFailure,
  secondFactorScopes,
  secretBoxOf,
  usableMethods,
} from "./second-factor-common";

const setupPaths: Record<"passkey" | "totp", string> = {
  passkey: "/login/passkey-setup",
  totp: "/login/totp-setup",
};

/** A dead end explained instead of a redirect loop: the operator has to reset this member's first login. */
export function noFactorPage(c: Context<AppEnv>): Response {
  const tr = translator(c);
  const view = MessageView({
    title: tr("sf.title"),
    message: tr("sf.noFactor"),
    kind: "error",
    link: { href: "/login", label: tr("common.toLogin") },
  });
  return renderPage(c, tr("sf.title"), view, { status: 403 });
}

/** A password-level session of a member whose first login is complete; anything else goes elsewhere. */
export function pendingSecondFactor(c: Context<AppEnv>): CurrentSession | Response {
  const session = c.get("session");
  if (!session) return c.redirect("/login", 303);
  if (session.level === "full") return c.redirect("/", 303);
  if (session.member.first_login_completed_at === null) return c.redirect(pendingPathFor(session), 303);
  return session;
}

export function registerSecondFactorRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get("/login/second-factor", async (c) => {
    const session = pendingSecondFactor(c);
    if (session instanceof Response) return session;
    const member = session.member;
    const methods = usableMethods(member, await factorsOf(deps, member.id));
    if (methods.length === 0) {
      // Nothing to verify with and nothing this session may set up (e.g. mail chosen, address unconfirmed).
      if (member.auth_method === null || member.auth_method === "mail") return noFactorPage(c);
      return c.redirect(setupPaths[member.auth_method], 303);
    }
    const wanted = c.req.query("use") as AuthMethod | undefined;
    const method =
      wanted && methods.includes(wanted)
        ? wanted
        : member.auth_method && methods.includes(member.auth_method)
          ? member.auth_method
          : methods[0]!;
    const tr = translator(c);
    const others = OtherMethods({ tr, methods: methods.filter((m) => m !== method) });
    if (method === "mail") return c.redirect("/login/second-factor/mail", 303);
    if (method === "passkey") {
      return renderPage(c, tr("passkey.signInTitle"), PasskeySignInView({ tr, others }), {
        scripts: [PASSKEY_SCRIPT],
      });
    }
    return renderPage(c, tr("totp.enterTitle"), TotpCodeView({ tr, others }));
  });

  app.post("/login/second-factor/totp", async (c) => {
    const session = pendingSecondFactor(c);
    if (session instanceof Response) return session;
    const tr = translator(c);
    const member = session.member;
    const ip = c.get("ip");
    const factors = await factorsOf(deps, member.id);
    const others = OtherMethods({ tr, methods: usableMethods(member, factors).filter((m) => m !== "totp") });
    const attempt = await takeAttempt(deps, secondFactorScopes(c, FLOWS.appCode, member));
    if (!attempt.allowed) {
      await recordSecondFactorFailure(deps, member, ip, "totp-throttled");
      return renderPage(
        c,
        tr("totp.enterTitle"),
        TotpCodeView({ tr, error: tr("error.throttled"), others }),
        {
          status: 429,
        },
      );
    }
    const code = (await readForm(c)).otp ?? "";
    let reason = "wrong";
    for (const device of factors.totpDevices) {
      const secret = secretBoxOf(deps).open(device.secret_sealed, `totp:${device.id}`);
      const lastUsedStep = device.last_used_step === null ? null : Number(device.last_used_step);
      const result = verifyTotp({ secretBase32: secret, code, now: deps.clock(), lastUsedStep });
      if (!result.ok) {
        if (result.reason !== "wrong") reason = result.reason;
        continue;
      }
      // The conditional update is the real replay guard: a concurrent request with the same code loses.
      if (await claimTotpStep(deps.db, device.id, result.step, now(deps))) {
        await attempt.succeeded();
        await completeSignIn(c, deps, "totp");
        return c.redirect("/", 303);
      }
      reason = "replayed";
    }
    await recordSecondFactorFailure(deps, member, ip, `totp-${reason}`);
    return renderPage(c, tr("totp.enterTitle"), TotpCodeView({ tr, error: tr("sf.failed"), others }), {
      status: 400,
    });
  });

  // Passkey as second factor: only the member's own passkeys are allowed.
  app.post("/passkey/authenticate/options", async (c) => {
    const session = c.get("session");
    if (session?.level !== "password" || session.member.first_login_completed_at === null) {
      return c.json({ error: translator(c)("passkey.failed") }, 403);
    }
    return c.json({ options: await openMemberAssertion(deps, session, "second-factor") });
  });

  app.post("/passkey/authenticate/verify", async (c) => {
    const tr = translator(c);
    const session = c.get("session");
    if (session?.level !== "password" || session.member.first_login_completed_at === null) {
      return c.json({ error: tr("passkey.failed") }, 403);
    }
    const member = session.member;
    const ip = c.get("ip");
    const attempt = await takeAttempt(deps, secondFactorScopes(c, FLOWS.passkey, member));
    if (!attempt.allowed) {
      await recordSecondFactorFailure(deps, member, ip, "passkey-throttled");
      return c.json({ error: tr("error.throttled") }, 429);
    }
    const result = await verifyMemberAssertion(c, deps, session, "second-factor");
    if (!result.ok) {
      await recordSecondFactorFailure(deps, member, ip, `passkey-${result.reason}`);
      return c.json({ error: tr("passkey.failed") }, 400);
    }
    await attempt.succeeded();
    await completeSignIn(c, deps, "passkey");
    return c.json({ redirect: "/" });
  });
}
