// The parameters of one OTP account as every part of the repository sees them (extension vault, popup, portal
// tests). The secret is always normalised base32 (upper case, no spaces, no padding).

export type OtpType = "totp" | "hotp";
export type OtpAlgorithm = "SHA1" | "SHA256" | "SHA512";
export type OtpDigits = 6 | 8;

export interface OtpParameters {
  type: OtpType;
  /** Service name, e.g. "KOSMO Web"; "" when the URI names none. */
  issuer: string;
  /** Account name, e.g. "taro@example.jp". */
  label: string;
  /** Base32 secret, normalised. */
  secret: string;
  algorithm: OtpAlgorithm;
  digits: OtpDigits;
  /** Seconds per TOTP step (30 by default); kept for HOTP too so the shape is uniform. */
  period: number;
  /** HOTP only: the next counter value. */
  counter?: number;
}

export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ["SHA1", "SHA256", "SHA512"];
export const DEFAULT_PERIOD = 30;
/** Bounds for a period we accept; outside them a URI is more likely broken than real. */
export const MIN_PERIOD = 1;
export const MAX_PERIOD = 3600;
