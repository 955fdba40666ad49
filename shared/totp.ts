// Codes for an account, computed with the `otpauth` package (RFC 6238 TOTP, RFC 4226 HOTP). Its "bare" build,
// given the HMAC of @noble/hashes (the library its full build bundles) for the three algorithms an account can
// have (OTP_ALGORITHMS): the full build also carries SHA-224, SHA-384 and SHA-3, whose tables it computes when
// it loads — in every popup that opens (4.5 KB more script, measured with the bench's popup probe).
import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { HOTP, Secret, TOTP } from "otpauth/bare";
import type { OtpAlgorithm, OtpParameters } from "./types";

const HASHES: Record<OtpAlgorithm, typeof sha1> = { SHA1: sha1, SHA256: sha256, SHA512: sha512 };

/** otpauth's HMAC hook; an algorithm outside OTP_ALGORITHMS never gets this far (shared/otpauth.ts refuses it). */
function hmacDigest(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  const hash = HASHES[algorithm as OtpAlgorithm];
  if (!hash) throw new TypeError(`unsupported HMAC algorithm ${algorithm}`);
  return hmac(hash, key, message);
}

/** The code valid at `now` (ms since the epoch); for HOTP the code of the stored counter. */
export function generateCode(params: OtpParameters, now: number = Date.now()): string {
  const secret = Secret.fromBase32(params.secret);
  if (params.type === "hotp") {
    return HOTP.generate({
      secret,
      algorithm: params.algorithm,
      digits: params.digits,
      counter: params.counter ?? 0,
      hmac: hmacDigest,
    });
  }
  return TOTP.generate({
    secret,
    algorithm: params.algorithm,
    digits: params.digits,
    period: params.period,
    timestamp: now,
    hmac: hmacDigest,
  });
}

/** Which code is current: the TOTP time step at `now`, or the HOTP counter. */
export function codeStep(params: OtpParameters, now: number = Date.now()): number {
  return params.type === "hotp" ? (params.counter ?? 0) : Math.floor(now / 1000 / params.period);
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
