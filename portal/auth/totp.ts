// TOTP app codes (manual 2-3 to 2-5): RFC 6238 with SHA-1, 6 digits, 30 s — what every authenticator app and
// the KOSMO extension expect. Pure rules: the caller stores the secret (sealed) and the last used step.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { HOTP, Secret } from "otpauth";
import { formatOtpauthUri } from "../../shared/otpauth";

export const TOTP_ISSUER = "KOSMO Web";
export const TOTP_ALGORITHM = "SHA1";
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted on each side of the current one (RFC 6238 §5.2; Keycloak's default look-around of 1). */
export const TOTP_WINDOW = 1;
const SECRET_BYTES = 20; // 160 bits, RFC 4226 R6

/** A fresh random secret, base32 without padding (32 characters). */
export function generateTotpSecret(): string {
  return new Secret({ buffer: randomBytes(SECRET_BYTES).buffer }).base32;
}

/** The provisioning URI shown as the QR code: shared/otpauth.ts builds it, the extension parses it there too. */
export function totpUri(userId: string, secretBase32: string): string {
  return formatOtpauthUri({
    type: "totp",
    issuer: TOTP_ISSUER,
    label: userId,
    secret: secretBase32,
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** The key as members read and type it: groups of four ("ABCD EFGH …"). */
export function groupSecretForReading(secretBase32: string): string {
  return secretBase32.match(/.{1,4}/g)?.join(" ") ?? "";
}

/**
 * Forgives what members type or paste: spaces (the apps show "066 474"), full-width digits and spaces from
 * a Japanese IME (NFKC folds them to ASCII). Returns null when what is left is not exactly six digits.
 */
export function normalizeOtpInput(raw: string, digits = TOTP_DIGITS): string | null {
  const folded = raw.normalize("NFKC").replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${digits}}$`).test(folded) ? folded : null;
}

/** The time step a moment falls into. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for one step (used by tests and by the dev tools; verification goes through verifyTotp). */
export function totpCodeAt(secretBase32: string, step: number): string {
  return HOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    counter: step,
  });
}

export type TotpVerification =
  | { ok: true; step: number }
  | { ok: false; reason: "malformed" | "wrong" | "replayed" };

/**
 * Accepts the code of the current step ±1, but never one of a step at or before `lastUsedStep`: a code that
 * was already used (or an older one) is refused even while it is still inside its window. The caller must
 * then store the returned step atomically (only if it is still greater than the stored one).
 */
export function verifyTotp(input: {
  secretBase32: string;
  code: string;
  now: Date;
  lastUsedStep: number | null;
}): TotpVerification {
  const code = normalizeOtpInput(input.code);
  if (code === null) return { ok: false, reason: "malformed" };
  const current = totpStep(input.now);
  let matchedUsedStep = false;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (!sameCode(totpCodeAt(input.secretBase32, step), code)) continue;
    if (input.lastUsedStep !== null && step <= input.lastUsedStep) {
      matchedUsedStep = true;
      continue;
    }
    return { ok: true, step };
  }
  return { ok: false, reason: matchedUsedStep ? "replayed" : "wrong" };
}

function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
