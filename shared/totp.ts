// Codes for an account, computed with the `otpauth` package (RFC 6238 TOTP, RFC 4226 HOTP).
import { HOTP, Secret, TOTP } from "otpauth";
import type { OtpParameters } from "./types";

/** The code valid at `now` (ms since the epoch); for HOTP the code of the stored counter. */
export function generateCode(params: OtpParameters, now: number = Date.now()): string {
  const secret = Secret.fromBase32(params.secret);
  if (params.type === "hotp") {
    return HOTP.generate({
      secret,
      algorithm: params.algorithm,
      digits: params.digits,
      counter: params.counter ?? 0,
    });
  }
  return TOTP.generate({
    secret,
    algorithm: params.algorithm,
    digits: params.digits,
    period: params.period,
    timestamp: now,
  });
}

/** The code of the following step (shown beside the current one in the last seconds of a period). */
export function nextCode(params: OtpParameters, now: number = Date.now()): string {
  if (params.type === "hotp") return generateCode({ ...params, counter: (params.counter ?? 0) + 1 }, now);
  return generateCode(params, now + params.period * 1000);
}

/** Whole seconds until the current step ends: `period` right at a boundary, 1 in its last second. */
export function secondsRemaining(period: number, now: number = Date.now()): number {
  return Math.ceil(TOTP.remaining({ period, timestamp: now }) / 1000);
}

/** Groups a code for reading aloud: 066474 → "066 474", 12345678 → "1234 5678". */
export function groupCode(code: string): string {
  if (code.length === 6) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  return code;
}
