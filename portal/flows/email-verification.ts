// The e-mail confirmation link (manual 1-[6]): single use, 24 h, stored hashed. Opening it shows a button
// (so that mail scanners that prefetch links do not use it up); pressing it confirms the address for the
// member — no session needed, so it works in another browser. The original screen then moves on when
// refreshed. The link is sent by auth/email-verification.ts.
import { type Context, Hono } from "hono";
import type { AppEnv } from "../app-env";
import { recordSecurityEvent } from "../auth/security-events";
import { hashToken, isWellFormedToken } from "../auth/tokens";
import { confirmEmailWithLink, findUsableEmailVerification } from "../db/email-verifications";
import { now } from "../deps";
import { readForm } from "../form";
import { VerifyEmailView } from "../views/email-step";
import { renderErrorPage } from "../views/error-page";
import { renderPage, translator } from "../views/layout";
import { MessageView } from "../views/message-page";

/** Mounted at /verify-email. */
export function emailVerificationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const tr = translator(c);
    const token = c.req.query("token");
    const link = isWellFormedToken(token)
      ? await findUsableEmailVerification(c.var.deps.db, hashToken(token), now(c.var.deps))
      : undefined;
    if (!token || !link) return invalidLink(c);
    return renderPage(c, tr("verify.title"), VerifyEmailView({ tr, email: link.email, token }));
  });

  app.post("/", async (c) => {
    const deps = c.var.deps;
    const tr = translator(c);
    const token = (await readForm(c)).token;
    if (!isWellFormedToken(token)) return invalidLink(c);
    const confirmed = await confirmEmailWithLink(deps.db, hashToken(token), now(deps));
    if (!confirmed) return invalidLink(c);
    await recordSecurityEvent(deps, { memberId: confirmed.member_id, type: "email-verified", ip: c.var.ip });
    return renderPage(
      c,
      tr("verify.title"),
      MessageView({
        title: tr("verify.title"),
        message: tr("verify.done"),
        kind: "success",
        // Opened in the browser that is signed in: offer the way on directly.
        ...(c.var.session ? { link: { href: "/first-login", label: tr("common.next") } } : {}),
      }),
    );
  });
  return app;
}

function invalidLink(c: Context<AppEnv>): Response {
  return renderErrorPage(c, { title: "verify.title", message: "verify.invalid", status: 400 });
}
