// The Hono app: middleware order, then the route table — read this file to see every URL of the portal. Each
// feature is a sub-app (flows/) mounted here; routes reach their dependencies only through `c.var`.
import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./app-env";
import { resolveClientAddress } from "./auth/client-address";
import { csrfProtection } from "./auth/csrf";
import { hostCheck } from "./auth/host-check";
import { securityHeaders } from "./auth/security-headers";
import { loadSession } from "./auth/session";
import { isDatabaseUnavailable } from "./db/database";
import type { Deps } from "./deps";
import { accountRecoveryRoutes } from "./flows/account-recovery";
import { devMailRoutes } from "./flows/dev-mail";
import { emailVerificationRoutes } from "./flows/email-verification";
import { firstLoginRoutes } from "./flows/first-login";
import { HEALTH_PATHS, healthRoutes } from "./flows/health";
import { languageRoutes } from "./flows/language";
import { mailOtpRoutes } from "./flows/mail-otp";
import { passkeySetupRoutes } from "./flows/passkey-setup";
import { passwordlessRoutes } from "./flows/passwordless";
import { secondFactorRoutes } from "./flows/second-factor";
import { securityPageRoutes } from "./flows/security-page";
import { securityReauthRoutes } from "./flows/security-reauth";
import { signInRoutes } from "./flows/sign-in";
import { topPageRoutes } from "./flows/top-page";
import { totpSetupRoutes } from "./flows/totp-setup";
import { localeMiddleware } from "./i18n";
import { registerStaticRoutes } from "./static-files";
import { renderErrorPage } from "./views/error-page";

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
    // Draining after SIGTERM: each connection ends after its response, so keep-alive clients reconnect elsewhere.
    if (deps.lifecycle.draining) c.res.headers.set("Connection", "close");
  });
  // 2. Security headers on every response, 3. locale, 4. Host must be the configured origin's, 5. body
  // size, 6. CSRF for every non-GET.
  app.use("*", securityHeaders());
  app.use("*", localeMiddleware());
  app.use(
    "*",
    hostCheck(
      deps.config.portalOrigin,
      (c) => renderErrorPage(c, { message: "error.host", status: 400 }),
      HEALTH_PATHS,
    ),
  );
  // Only requests that can carry a body are limited: a GET or HEAD has none (fetch forbids it), and asking for
  // its body would make @hono/node-server build a full Request object on every page view. A declared length
  // is judged from the header alone, as bodyLimit itself does (Node's parser never reads past it), but
  // without touching the body: that too would build the full Request and a web stream for every form post,
  // where reading the form straight from the socket is cheaper. A chunked body goes through bodyLimit, which
  // counts as it reads.
  const maxBodySize = 64 * 1024;
  const tooLarge = async (c: Context<AppEnv>) =>
    renderErrorPage(c, { message: "form.errorSummary", status: 400 });
  const limitBody = bodyLimit({ maxSize: maxBodySize, onError: tooLarge });
  app.use("*", (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return limitBody(c, next);
    return Number.parseInt(length, 10) > maxBodySize ? tooLarge(c) : next();
  });
  app.use(
    "*",
    csrfProtection((c) => renderErrorPage(c, { message: "error.csrf", status: 403 })),
  );
  // Static files and the health probes need no session.
  registerStaticRoutes(app);
  app.route("/", healthRoutes()); //                      /healthz, /readyz (load balancer)
  // 7. Session from the cookie (idle and absolute limits enforced here).
  app.use("*", loadSession());

  app.route("/lang", languageRoutes()); //                /lang/:locale
  app.route("/", signInRoutes()); //                      /login, /logout
  app.route("/first-login", firstLoginRoutes()); //       /first-login/* (step machine, manual 1-[3]…[10])
  app.route("/verify-email", emailVerificationRoutes()); // /verify-email (link from the mail)
  app.route("/", accountRecoveryRoutes()); //             /forgot-password, /reset-password, /forgot-user-id
  app.route("/", topPageRoutes()); //                     /, /services/:slug
  // Second factors (manual section 2) and the security page.
  app.route("/", secondFactorRoutes()); //                /login/second-factor, …/totp, /passkey/authenticate/*
  app.route("/login/second-factor/mail", mailOtpRoutes()); // /login/second-factor/mail, …/resend (2-6)
  app.route("/", totpSetupRoutes()); //                   /login/totp-setup, /security/totp/new (2-3 to 2-5)
  app.route("/", passkeySetupRoutes()); //                /login/passkey-setup, /security/passkeys/new,
  //                                                      /passkey/register/*, /passkey/name/:id (2-1, 2-2)
  app.route("/passkey/passwordless", passwordlessRoutes()); // /passkey/passwordless/* (sign-in page)
  app.route("/security/reauth", securityReauthRoutes()); // /security/reauth, …/passkey/* (本人確認)
  app.route("/security", securityPageRoutes()); //         /security, …/factors, …/method, …/password, …/sessions
  if (deps.catcher && !deps.config.isProduction) app.route("/dev/mail", devMailRoutes()); // /dev/mail, /dev/mail/:id

  app.notFound((c) =>
    renderErrorPage(c, {
      message: "error.notFound",
      status: 404,
      kind: "info",
      link: { href: "/", label: "common.toTop" },
    }),
  );
  app.onError((error, c) => {
    console.error("portal error:", error instanceof Error ? error.message : error);
    // The database away (a restart, a failover): "try again shortly", and the pool reconnects by itself.
    if (isDatabaseUnavailable(error)) {
      c.header("Retry-After", "5");
      return renderErrorPage(c, { message: "error.unavailable", status: 503 });
    }
    return renderErrorPage(c, { message: "error.server", status: 500 });
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
