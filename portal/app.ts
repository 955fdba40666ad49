// The Hono app: middleware order, then the route table — read this file to see every URL of the portal.
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./app-env";
import { resolveClientAddress } from "./auth/client-address";
import { csrfProtection } from "./auth/csrf";
import { hostCheck } from "./auth/host-check";
import { securityHeaders } from "./auth/security-headers";
import { loadSession } from "./auth/session";
import type { Deps } from "./deps";
import { registerAccountRecoveryRoutes } from "./flows/account-recovery";
import { registerDevMailRoutes } from "./flows/dev-mail";
import { registerEmailVerificationRoutes } from "./flows/email-verification";
import { registerFirstLoginRoutes } from "./flows/first-login";
import { registerLanguageRoutes } from "./flows/language";
import { registerMailOtpRoutes } from "./flows/mail-otp";
import { registerPasskeySetupRoutes } from "./flows/passkey-setup";
import { registerPasswordlessRoutes } from "./flows/passwordless";
import { registerSecondFactorRoutes } from "./flows/second-factor";
import { registerSecurityPageRoutes } from "./flows/security-page";
import { registerSignInRoutes } from "./flows/sign-in";
import { registerTopPageRoutes } from "./flows/top-page";
import { registerTotpSetupRoutes } from "./flows/totp-setup";
import { localeMiddleware } from "./i18n";
import { registerStaticRoutes } from "./static-files";
import { renderPage, translator } from "./views/layout";
import { MessageView } from "./views/message-page";

export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // 1. Request context: dependencies and the client address (the socket peer, or behind a TRUST_PROXY
  // proxy the right-most X-Forwarded-For entry that is not a trusted proxy — auth/client-address.ts).
  // Every response is dated by the portal's own clock (Node would otherwise stamp the machine's): the
  // extension reads it to find a member's PC clock that is off.
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    c.set(
      "ip",
      resolveClientAddress(peerAddress(c), c.req.header("x-forwarded-for"), deps.config.trustedProxies),
    );
    await next();
    c.res.headers.set("Date", deps.clock().toUTCString());
  });
  // 2. Security headers on every response, 3. locale, 4. Host must be the configured origin's, 5. body
  // size, 6. CSRF for every non-GET.
  app.use("*", securityHeaders());
  app.use("*", localeMiddleware());
  app.use(
    "*",
    hostCheck(deps.config.portalOrigin, (c) => {
      const tr = translator(c);
      return renderPage(
        c,
        tr("common.errorTitle"),
        MessageView({ title: tr("common.errorTitle"), message: tr("error.host"), kind: "error" }),
        { status: 400 },
      );
    }),
  );
  // Only requests that can carry a body are limited: a GET or HEAD has none (fetch forbids it), and asking for
  // its body would make @hono/node-server build a full Request object on every page view.
  const limitBody = bodyLimit({
    maxSize: 64 * 1024,
    onError: (c) => {
      const tr = translator(c);
      return renderPage(
        c,
        tr("common.errorTitle"),
        MessageView({ title: tr("common.errorTitle"), message: tr("form.errorSummary"), kind: "error" }),
        { status: 400 },
      );
    },
  });
  app.use("*", (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next),
  );
  app.use(
    "*",
    csrfProtection((c) => {
      const tr = translator(c);
      return renderPage(
        c,
        tr("common.errorTitle"),
        MessageView({ title: tr("common.errorTitle"), message: tr("error.csrf"), kind: "error" }),
        { status: 403 },
      );
    }),
  );
  // Static files need no session.
  registerStaticRoutes(app);
  // 7. Session from the cookie (idle and absolute limits enforced here).
  app.use("*", loadSession());

  registerLanguageRoutes(app);
  registerSignInRoutes(app, deps); //              /login, /logout
  registerFirstLoginRoutes(app, deps); //          /first-login/* (step machine)
  registerEmailVerificationRoutes(app, deps); //   /verify-email (link from the mail)
  registerAccountRecoveryRoutes(app, deps); //     /forgot-password, /reset-password, /forgot-user-id
  registerTopPageRoutes(app, deps); //             /, /services/:slug
  // H2: second factors (manual section 2) and the security page.
  registerSecondFactorRoutes(app, deps); //        /login/second-factor, /passkey/authenticate/*
  registerMailOtpRoutes(app, deps); //             /login/second-factor/mail (2-6)
  registerTotpSetupRoutes(app, deps); //           /login/totp-setup, /security/totp/new (2-3 to 2-5)
  registerPasskeySetupRoutes(app, deps); //        /login/passkey-setup, /passkey/register/*, /passkey/name/:id (2-1, 2-2)
  registerPasswordlessRoutes(app, deps); //        /passkey/passwordless/* (sign-in page)
  registerSecurityPageRoutes(app, deps); //        /security/*
  if (deps.catcher && !deps.config.isProduction) registerDevMailRoutes(app, deps); // /dev/mail

  app.notFound((c) => {
    const tr = translator(c);
    return renderPage(
      c,
      tr("common.errorTitle"),
      MessageView({
        title: tr("common.errorTitle"),
        message: tr("error.notFound"),
        link: { href: "/", label: tr("common.toTop") },
      }),
      { status: 404 },
    );
  });
  app.onError((error, c) => {
    console.error("portal error:", error instanceof Error ? error.message : error);
    const tr = translator(c);
    return renderPage(
      c,
      tr("common.errorTitle"),
      MessageView({ title: tr("common.errorTitle"), message: tr("error.server"), kind: "error" }),
      { status: 500 },
    );
  });
  return app;
}

function peerAddress(c: Parameters<typeof getConnInfo>[0]): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}
