// Manual 2-3 / 2-4 / 2-5: set up an authenticator app. At the set-up sign-in (first factor, password-level
// session) it completes the sign-in; from the security page it adds another device.
import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import QRCode from "qrcode";
import type { AppEnv, CurrentSession } from "../app-env";
import { factorsOf, mayEnrollAtSignIn } from "../auth/factors";
import { FLOWS, takeAttempt } from "../auth/limiter";
import { hasRecentAuthentication } from "../auth/reauthentication";
import { completeSignIn, recordSecondFactorFailure, secondFactorScopes } from "../auth/second-factor";
import { recordSecurityEvent } from "../auth/security-events";
import { endOtherSessions } from "../auth/session";
import { generateTotpSecret, groupSecretForReading, totpUri, verifyTotp } from "../auth/totp";
import {
  deleteTotpEnrollment,
  findTotpEnrollment,
  insertTotpDevice,
  saveTotpEnrollment,
} from "../db/totp-devices";
import type { Deps } from "../deps";
import { now } from "../deps";
import { readForm, textField } from "../form";
import { t } from "../i18n";
import { changeAndMail } from "../mail/outbox";
import { queueSecurityNotice } from "../mail/security-notice";
import { renderPage, translator } from "../views/layout";
import { TotpSetupView } from "../views/totp-setup";

type Mode = "sign-in" | "add";
const ENROLLMENT_TTL_MS = 30 * 60_000;
const paths: Record<Mode, string> = { "sign-in": "/login/totp-setup", add: "/security/totp/new" };

export function totpSetupRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const mode of ["sign-in", "add"] as const) {
    app.get(paths[mode], async (c) => {
      const session = await allowed(c, mode);
      if (!session) return refuse(c, mode);
      return show(c, mode, session, {});
    });
    app.post(paths[mode], async (c) => {
      const session = await allowed(c, mode);
      if (!session) return refuse(c, mode);
      return submit(c, mode, session);
    });
  }
  return app;
}

async function allowed(c: Context<AppEnv>, mode: Mode): Promise<CurrentSession | null> {
  const deps = c.var.deps;
  const session = c.var.session;
  if (mode === "add") return (await hasRecentAuthentication(deps, session)) ? session : null;
  return mayEnrollAtSignIn(session, "totp", await factorsOf(deps, session?.member.id ?? "")) ? session : null;
}

function refuse(c: Context<AppEnv>, mode: Mode): Response {
  if (mode === "add") return c.redirect(`/security/reauth?next=${encodeURIComponent(paths.add)}`, 303);
  return c.redirect(c.var.session ? "/login/second-factor" : "/login", 303);
}

/** The secret on screen stays the same across reloads of this session (scanned once, typed later). */
async function pendingSecret(deps: Deps, session: CurrentSession): Promise<string> {
  const box = deps.secretBox;
  const context = `totp-enrollment:${session.id}`;
  const existing = await findTotpEnrollment(deps.db, session.id);
  if (existing && Number(existing.expires_at) > now(deps)) return box.open(existing.secret_sealed, context);
  const secret = generateTotpSecret();
  await saveTotpEnrollment(deps.db, {
    session_id: session.id,
    member_id: session.member.id,
    secret_sealed: box.seal(secret, context),
    created_at: now(deps),
    expires_at: now(deps) + ENROLLMENT_TTL_MS,
  });
  return secret;
}

async function show(
  c: Context<AppEnv>,
  mode: Mode,
  session: CurrentSession,
  state: { error?: string; deviceName?: string },
  status: 200 | 400 | 429 = 200,
): Promise<Response> {
  const tr = translator(c);
  const secret = await pendingSecret(c.var.deps, session);
  const qrDataUrl = await QRCode.toDataURL(totpUri(session.member.user_id, secret), {
    errorCorrectionLevel: "M",
    margin: 4,
    width: 240,
  });
  const view = TotpSetupView({
    tr,
    action: paths[mode],
    back: mode === "add" ? { href: "/security" } : { logout: true },
    qrDataUrl,
    groupedKey: groupSecretForReading(secret),
    deviceName: state.deviceName ?? "",
    error: state.error ?? null,
  });
  return renderPage(c, tr("totp.setupTitle"), view, { status });
}

async function submit(c: Context<AppEnv>, mode: Mode, session: CurrentSession): Promise<Response> {
  const deps = c.var.deps;
  const tr = translator(c);
  const form = await readForm(c);
  const member = session.member;
  const ip = c.var.ip;
  const name = textField(form, "device_name", 100);
  const deviceName = name.problem === "required" ? tr("totp.deviceNameDefault") : name.value;
  if (name.problem && name.problem !== "required") {
    return show(c, mode, session, { error: tr("security.nameInvalid") }, 400);
  }
  const attempt = await takeAttempt(deps, secondFactorScopes(c, FLOWS.appCode, member));
  if (!attempt.allowed) {
    await recordSecondFactorFailure(deps, member, ip, "totp-setup-throttled");
    return show(c, mode, session, { error: tr("error.throttled"), deviceName: name.value }, 429);
  }
  const secret = await pendingSecret(deps, session);
  const result = verifyTotp({
    secretBase32: secret,
    code: form.otp ?? "",
    now: deps.clock(),
    lastUsedStep: null,
  });
  if (!result.ok) {
    await recordSecondFactorFailure(deps, member, ip, `totp-setup-${result.reason}`);
    return show(c, mode, session, { error: tr("sf.otpInvalid"), deviceName: name.value }, 400);
  }

  await attempt.succeeded();
  const id = randomUUID();
  await changeAndMail(deps, async (trx, queue) => {
    await insertTotpDevice(trx, {
      id,
      member_id: member.id,
      name: deviceName,
      secret_sealed: deps.secretBox.seal(secret, `totp:${id}`),
      last_used_step: result.step, // the code just typed cannot be replayed at the next sign-in
      created_at: now(deps),
      last_used_at: now(deps),
    });
    await deleteTotpEnrollment(trx, session.id);
    await queueSecurityNotice(deps, queue, member, (locale) =>
      t(locale, "notice.factorAdded", { name: deviceName }),
    );
  });
  if (mode === "sign-in") await completeSignIn(c, "totp-enrolled");
  await recordSecurityEvent(deps, {
    memberId: member.id,
    type: "factor-added",
    ip,
    detail: `totp:${deviceName}`,
  });
  if (form.sign_out_others === "on") {
    await endOtherSessions(deps, member.id, c.var.session?.id ?? null);
    await recordSecurityEvent(deps, {
      memberId: member.id,
      type: "sessions-ended",
      ip,
      detail: "totp-setup",
    });
  }
  return c.redirect(mode === "sign-in" ? "/" : "/security?done=added", 303);
}
