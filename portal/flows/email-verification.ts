// The e-mail confirmation link (manual 1-[6]): single use, 24 h, stored hashed. Opening it shows a button
// (so that mail scanners that prefetch links do not use it up); pressing it confirms the address for the
// member — no session needed, so it works in another browser. The original screen then moves on when
// refreshed.
import type { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { recordSecurityEvent } from "../auth/security-events";
import { hashToken, isWellFormedToken, randomToken } from "../auth/tokens";
import {
  expireMemberEmailVerifications,
  findUsableEmailVerification,
  insertEmailVerification,
  latestEmailVerification,
  markEmailVerificationUsed,
} from "../db/email-verifications";
import type { Member } from "../db/schema";
import type { Deps } from "../deps";
import { now } from "../deps";
import type { Locale } from "../i18n";
import { emailVerificationMail } from "../mail/templates";
import { VerifyEmailView } from "../views/email-step";
import { renderPage, translator } from "../views/layout";
import { MessageView } from "../views/message-page";
import { readForm } from "./form";

export const RESEND_COOLDOWN_MS = 60_000;

/** Milliseconds until another confirmation mail may be sent (0 = now). */
export async function resendWait(deps: Deps, memberId: string): Promise<number> {
  const latest = await latestEmailVerification(deps.db, memberId);
  if (!latest) return 0;
  return Math.max(0, latest.created_at + RESEND_COOLDOWN_MS - now(deps));
}

/** Replaces any earlier link and mails a new one to `email`. */
export async function sendVerificationMail(deps: Deps, member: Member, email: string, locale: Locale) {
  const at = now(deps);
  const token = randomToken();
  await expireMemberEmailVerifications(deps.db, member.id, at);
  await insertEmailVerification(deps.db, { tokenHash: hashToken(token), memberId: member.id, email, at });
  const link = `${deps.config.portalOrigin}/verify-email?token=${token}`;
  await deps.mailer.send(emailVerificationMail(locale, email, link));
}

export function registerEmailVerificationRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get("/verify-email", async (c) => {
    const tr = translator(c);
    const token = c.req.query("token");
    const link = isWellFormedToken(token)
      ? await findUsableEmailVerification(deps.db, hashToken(token), now(deps))
      : undefined;
    if (!token || !link) return invalidLink(c);
    return renderPage(c, tr("verify.title"), VerifyEmailView({ tr, email: link.email, token }));
  });

  app.post("/verify-email", async (c) => {
    const tr = translator(c);
    const token = (await readForm(c)).token;
    if (!isWellFormedToken(token)) return invalidLink(c);
    const tokenHash = hashToken(token);
    const at = now(deps);
    const confirmed = await deps.db.transaction().execute(async (trx) => {
      const link = await findUsableEmailVerification(trx, tokenHash, at);
      if (!link || !(await markEmailVerificationUsed(trx, tokenHash, at))) return null;
      await trx
        .updateTable("members")
        .set({ email: link.email, email_verified_at: at, pending_email: null, updated_at: at })
        .where("id", "=", link.member_id)
        .execute();
      return link;
    });
    if (!confirmed) return invalidLink(c);
    await recordSecurityEvent(deps, {
      memberId: confirmed.member_id,
      type: "email-verified",
      ip: c.get("ip"),
    });
    return renderPage(
      c,
      tr("verify.title"),
      MessageView({
        title: tr("verify.title"),
        message: tr("verify.done"),
        kind: "success",
        // Opened in the browser that is signed in: offer the way on directly.
        ...(c.get("session") ? { link: { href: "/first-login", label: tr("common.next") } } : {}),
      }),
    );
  });
}

function invalidLink(c: Parameters<typeof translator>[0]): Response {
  const tr = translator(c);
  return renderPage(
    c,
    tr("verify.title"),
    MessageView({ title: tr("verify.title"), message: tr("verify.invalid"), kind: "error" }),
    { status: 400 },
  );
}
