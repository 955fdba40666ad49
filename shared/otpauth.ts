// THE parser of otpauth:// URIs for the whole repository (Google's Key URI format). Our own checks come
// first so that every rejection carries a precise code and a short, safe description of what was found
// (never the secret); the `otpauth` package then does the canonical parse of the checked URI.
import { HOTP, Secret, type TOTP, URI } from "otpauth";
import { checkBase32Secret } from "./base32";
import {
  DEFAULT_PERIOD,
  MAX_PERIOD,
  MIN_PERIOD,
  OTP_ALGORITHMS,
  type OtpAlgorithm,
  type OtpDigits,
  type OtpParameters,
} from "./types";

export type OtpauthErrorCode =
  | "empty" // nothing to parse
  | "not-otpauth" // some other text or scheme (found: the scheme, e.g. "WIFI:", or "")
  | "is-url" // a web address (found: its host name)
  | "is-migration" // a Google Authenticator export; use parseMigrationUri (found: "otpauth-migration")
  | "malformed" // otpauth: but not //type/label?params (found: "")
  | "unsupported-type" // e.g. steam, yandex (found: the type)
  | "bad-secret" // found: "missing" | "invalid-character" | "too-short" | "too-long" | "bad-length" | "empty"
  | "bad-digits" // found: the digits value
  | "bad-algorithm" // found: the algorithm value
  | "bad-period" // found: the period value
  | "bad-counter"; // HOTP without a valid counter (found: the value or "missing")

export interface OtpauthError {
  code: OtpauthErrorCode;
  /** Language-neutral, short, safe to show: never the secret. */
  found: string;
}

export type OtpauthParseResult = { ok: true; account: OtpParameters } | { ok: false; error: OtpauthError };

const MAX_URI_LENGTH = 4096;
const MAX_FOUND_LENGTH = 40;

function fail(code: OtpauthErrorCode, found = ""): OtpauthParseResult {
  const safe = found.replace(/\p{Cc}/gu, "").slice(0, MAX_FOUND_LENGTH);
  return { ok: false, error: { code, found: safe } };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Query parameters with lower-cased names; values percent-decoded (the first occurrence wins). */
function readParams(query: string): Map<string, { raw: string; value: string }> {
  const params = new Map<string, { raw: string; value: string }>();
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    const raw = eq < 0 ? "" : pair.slice(eq + 1);
    if (!params.has(name)) params.set(name, { raw, value: safeDecode(raw) });
  }
  return params;
}

function classifyForeignText(text: string): OtpauthParseResult {
  if (/^otpauth-migration:/i.test(text)) return fail("is-migration", "otpauth-migration");
  const web = /^https?:\/\/([^/?#\s]+)/i.exec(text);
  if (web) return fail("is-url", (web[1] ?? "").replace(/^.*@/, "").toLowerCase());
  const scheme = /^([a-z][a-z0-9+.-]{0,20}):/i.exec(text);
  return fail("not-otpauth", scheme ? `${scheme[1]}:` : "");
}

/** Parses text (typically a QR code's content or a pasted URI) into account parameters. */
export function parseOtpauthUri(input: string): OtpauthParseResult {
  const text = input.trim();
  if (text === "") return fail("empty");
  if (!/^otpauth:/i.test(text)) return classifyForeignText(text);
  if (text.length > MAX_URI_LENGTH) return fail("malformed", "too-long");

  const shape = /^otpauth:\/\/([^/?#]*)\/([^?#]*)\?([^#]*)(?:#.*)?$/is.exec(text); // a #fragment is ignored
  if (!shape) return fail("malformed");
  const type = safeDecode(shape[1] ?? "").toLowerCase();
  const rawLabel = shape[2] ?? "";
  const params = readParams(shape[3] ?? "");
  if (type !== "totp" && type !== "hotp") return fail("unsupported-type", type);

  const secretParam = params.get("secret");
  if (!secretParam) return fail("bad-secret", "missing");
  const secret = checkBase32Secret(secretParam.value);
  if (!secret.ok) return fail("bad-secret", secret.problem);

  const algorithmText = (params.get("algorithm")?.value ?? "SHA1").toUpperCase();
  const algorithm = OTP_ALGORITHMS.find((name) => name === algorithmText.replace("-", ""));
  if (!algorithm) return fail("bad-algorithm", params.get("algorithm")?.value ?? "");

  const digitsText = params.get("digits")?.value ?? "6";
  if (digitsText !== "6" && digitsText !== "8") return fail("bad-digits", digitsText);
  const digits = Number(digitsText) as OtpDigits;

  const periodText = params.get("period")?.value ?? String(DEFAULT_PERIOD);
  const period = /^\d{1,6}$/.test(periodText) ? Number(periodText) : Number.NaN;
  if (type === "totp" && !(period >= MIN_PERIOD && period <= MAX_PERIOD))
    return fail("bad-period", periodText);

  const counterText = params.get("counter")?.value;
  if (type === "hotp" && (counterText === undefined || !/^\d{1,15}$/.test(counterText))) {
    return fail("bad-counter", counterText ?? "missing");
  }

  return finishWithLibrary(type, rawLabel, params, { secret: secret.secret, algorithm, digits, period });
}

/** Re-serialises the checked URI and lets the otpauth package parse it (label, issuer, defaults). */
function finishWithLibrary(
  type: "totp" | "hotp",
  rawLabel: string,
  params: Map<string, { raw: string; value: string }>,
  checked: { secret: string; algorithm: OtpAlgorithm; digits: OtpDigits; period: number },
): OtpauthParseResult {
  // Issuers written by form encoders use "+" for a space; a literal plus arrives as %2B.
  const issuerParam = params.get("issuer")?.raw.replace(/\+/g, "%20");
  const query = [
    `secret=${checked.secret}`,
    `algorithm=${checked.algorithm}`,
    `digits=${checked.digits}`,
    type === "totp" ? `period=${checked.period}` : `counter=${params.get("counter")?.value}`,
    issuerParam !== undefined ? `issuer=${issuerParam}` : "",
  ].filter(Boolean);
  const label = rawLabel === "" ? "%20" : rawLabel;
  let otp: TOTP | HOTP;
  try {
    otp = URI.parse(`otpauth://${type}/${label}?${query.join("&")}`);
  } catch {
    return fail("malformed");
  }
  const account: OtpParameters = {
    type,
    issuer: otp.issuer.trim(),
    label: otp.label.trim(),
    secret: checked.secret,
    algorithm: checked.algorithm,
    digits: checked.digits,
    period: type === "totp" ? checked.period : DEFAULT_PERIOD,
  };
  if (otp instanceof HOTP) account.counter = otp.counter;
  return { ok: true, account };
}

/**
 * Builds the otpauth:// URI of an account: the portal's set-up QR code and the extension's export alike. The
 * issuer goes in the label and as a parameter; the parameters come in one fixed order, secret first (the
 * order the portal's QR codes have always had, so an existing set-up page does not change).
 */
export function formatOtpauthUri(params: OtpParameters): string {
  const e = encodeURIComponent;
  const label = params.issuer ? `${e(params.issuer)}:${e(params.label)}` : e(params.label);
  const query = [
    // Through the library: a secret that is not base32 throws here instead of going into a QR code.
    `secret=${Secret.fromBase32(params.secret).base32}`,
    ...(params.issuer ? [`issuer=${e(params.issuer)}`] : []),
    `algorithm=${params.algorithm}`,
    `digits=${params.digits}`,
    params.type === "hotp" ? `counter=${params.counter ?? 0}` : `period=${params.period}`,
  ];
  return `otpauth://${params.type}/${label}?${query.join("&")}`;
}
