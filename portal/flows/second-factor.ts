// Every later sign-in, after ID + password: /login/second-factor asks for the enrolled factor (or sends the
// member to set it up on the set-up sign-in of manual section 2). App codes and passkeys are checked here;
// mail codes in mail-otp.ts. Success rotates the session token to the full level.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { type AuthMethod, factorsOf, usableMethods } from "../auth/factors";
import { requireSecondFactorPending } from "../auth/guards";
import { FLOWS, takeAttempt } from "../auth/limiter";
import { openMemberAssertion, verifyMemberAssertion } from "../auth/passkey-ceremony";
import { completeSignIn, recordSecondFactorFailure, secondFactorScopes } from "../auth/second-factor";
import { verifyTotp } from "../auth/totp";
import { claimTotpStep } from "../db/totp-devices";
import { now } from "../deps";
import { readForm } from "../form";
import { renderPage, translator } from "../views/layout";
import { PASSKEY_SCRIPT, PasskeySignInView } from "../views/passkey";
import { noFactorPage, OtherMethods, TotpCodeView } from "../views/second-factor";

const setupPaths: Record<"passkey" | "totp", string> = {
  passkey: "/login/passkey-setup",
  totp: "/login/totp-setup",
};

export function secondFactorRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/login/second-factor", requireSecondFactorPending(), async (c) => {
    const member = c.var.session.member;
    const methods = usableMethods(member, await factorsOf(c.var.deps, member.id));
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

  app.post("/login/second-factor/totp", requireSecondFactorPending(), async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const member = c.var.session.member;
    const ip = c.var.ip;
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
      const secret = deps.secretBox.open(device.secret_sealed, `totp:${device.id}`);
      const lastUsedStep = device.last_used_step === null ? null : Number(device.last_used_step);
      const result = verifyTotp({ secretBase32: secret, code, now: deps.clock(), lastUsedStep });
      if (!result.ok) {
        if (result.reason !== "wrong") reason = result.reason;
        continue;
      }
      // The conditional update is the real replay guard: a concurrent request with the same code loses.
      if (await claimTotpStep(deps.db, device.id, result.step, now(deps))) {
        await attempt.succeeded();
        await completeSignIn(c, "totp");
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
    const session = c.var.session;
    if (session?.level !== "password" || session.member.first_login_completed_at === null) {
      return c.json({ error: translator(c)("passkey.failed") }, 403);
    }
    return c.json({ options: await openMemberAssertion(c.var.deps, session, "second-factor") });
  });

  app.post("/passkey/authenticate/verify", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const session = c.var.session;
    if (session?.level !== "password" || session.member.first_login_completed_at === null) {
      return c.json({ error: tr("passkey.failed") }, 403);
    }
    const member = session.member;
    const ip = c.var.ip;
    const attempt = await takeAttempt(deps, secondFactorScopes(c, FLOWS.passkey, member));
    if (!attempt.allowed) {
      await recordSecondFactorFailure(deps, member, ip, "passkey-throttled");
      return c.json({ error: tr("error.throttled") }, 429);
    }
    const result = await verifyMemberAssertion(c, session, "second-factor");
    if (!result.ok) {
      await recordSecondFactorFailure(deps, member, ip, `passkey-${result.reason}`);
      return c.json({ error: tr("passkey.failed") }, 400);
    }
    await attempt.succeeded();
    await completeSignIn(c, "passkey");
    return c.json({ redirect: "/" });
  });
  return app;
}
