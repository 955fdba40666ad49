// One rule for every imported entry, whatever file it came from: the type, key, algorithm, digits, period and
// counter are checked here (the key by shared/base32.ts' checkBase32Secret, the same rule as otpauth:// URIs
// and the manual form), and a collector counts entries so that no file yields more than the limits.
import { checkBase32Secret } from "../../shared/base32";
import type { OtpauthErrorCode } from "../../shared/otpauth";
import {
  DEFAULT_PERIOD,
  MAX_PERIOD,
  MIN_PERIOD,
  OTP_ALGORITHMS,
  type OtpDigits,
  type OtpParameters,
} from "../../shared/types";
import type { Passkey } from "../passkeys/passkey";
import { ImportStop, MAX_ACCOUNTS_PER_IMPORT, MAX_FILE_ENTRIES } from "./limits";
import type { EntryRef, ImportFormat, ImportSkip, SkipReason } from "./result";

/** An account read from a file, with where it was in the file (and, for our own backup, its bound site). */
export interface Candidate {
  ref: EntryRef;
  params: OtpParameters;
  origin?: string;
}

export interface ParsedFile {
  format: ImportFormat;
  encrypted: boolean;
  candidates: Candidate[];
  skipped: ImportSkip[];
  /** Our own backup's passkeys (validated like the vault's own: passkeys/passkey.ts). */
  passkeys?: Passkey[];
}

/** An entry's fields as a file writes them: anything may be missing or of the wrong type. */
export interface RawFields {
  type?: unknown;
  issuer?: unknown;
  label?: unknown;
  secret?: unknown;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
}

type EntryCheck = { ok: true; params: OtpParameters } | { ok: false; reason: SkipReason; found?: string };

const MAX_NAME_LENGTH = 1024;
const MAX_FOUND_LENGTH = 24;

function fail(reason: SkipReason, found?: unknown): EntryCheck {
  if (found === undefined) return { ok: false, reason };
  return {
    ok: false,
    reason,
    found: String(found)
      .replace(/\p{Cc}/gu, "")
      .slice(0, MAX_FOUND_LENGTH),
  };
}

/** A name field as text ("" when missing), or null when it is not text or absurdly long. */
export function nameText(value: unknown): string | null {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim();
  return text.length > MAX_NAME_LENGTH ? null : text;
}

/** A whole number written as a number or as digits, else NaN. */
function wholeNumber(value: unknown): number {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : Number.NaN;
  if (typeof value === "string" && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return Number.NaN;
}

const missing = (value: unknown) => value === undefined || value === null || value === "";

/** Checks one entry's fields; the same limits as shared/otpauth.ts' URI parser. */
export function checkEntry(raw: RawFields): EntryCheck {
  const type = missing(raw.type) ? "totp" : String(raw.type).trim().toLowerCase();
  if (type !== "totp" && type !== "hotp") return fail("unsupported-type", type);
  const issuer = nameText(raw.issuer);
  const label = nameText(raw.label);
  if (issuer === null || label === null) return fail("unreadable", "name");
  if (typeof raw.secret !== "string") return fail("bad-secret", "missing");
  const secret = checkBase32Secret(raw.secret);
  if (!secret.ok) return fail("bad-secret", secret.problem);

  const algorithmText = missing(raw.algorithm)
    ? "SHA1"
    : String(raw.algorithm).toUpperCase().replace("-", "");
  const algorithm = OTP_ALGORITHMS.find((name) => name === algorithmText);
  if (!algorithm) return fail("bad-algorithm", raw.algorithm);
  const digits = missing(raw.digits) ? 6 : wholeNumber(raw.digits);
  if (digits !== 6 && digits !== 8) return fail("bad-digits", raw.digits);
  const period = missing(raw.period) ? DEFAULT_PERIOD : wholeNumber(raw.period);
  if (type === "totp" && !(period >= MIN_PERIOD && period <= MAX_PERIOD))
    return fail("bad-period", raw.period);

  const params: OtpParameters = {
    type,
    issuer,
    label,
    secret: secret.secret,
    algorithm,
    digits: digits as OtpDigits,
    period: type === "totp" ? period : DEFAULT_PERIOD,
  };
  if (type === "hotp") {
    const counter = missing(raw.counter) ? 0 : wholeNumber(raw.counter);
    if (!(counter >= 0)) return fail("bad-counter", raw.counter);
    params.counter = counter;
  }
  return { ok: true, params };
}

/**
 * Gathers a file's accounts and skipped entries in file order. Past MAX_ACCOUNTS_PER_IMPORT accounts or
 * MAX_FILE_ENTRIES entries the file is refused at once, before anything more is read.
 */
export class EntryCollector {
  private readonly candidates: Candidate[] = [];
  private readonly skipped: ImportSkip[] = [];
  private entries = 0;

  constructor(
    private readonly format: ImportFormat,
    private readonly encrypted: boolean,
  ) {}

  private count(): void {
    this.entries++;
    if (this.entries > MAX_FILE_ENTRIES) throw new ImportStop("too-many-accounts", MAX_ACCOUNTS_PER_IMPORT);
  }

  add(ref: EntryRef, raw: RawFields, origin?: string): void {
    this.count();
    const checked = checkEntry(raw);
    if (!checked.ok) {
      this.skipped.push({
        ...ref,
        reason: checked.reason,
        ...(checked.found ? { found: checked.found } : {}),
      });
      return;
    }
    this.candidates.push({
      ref: { ...ref, issuer: checked.params.issuer, label: checked.params.label },
      params: checked.params,
      origin,
    });
    if (this.candidates.length > MAX_ACCOUNTS_PER_IMPORT) {
      throw new ImportStop("too-many-accounts", MAX_ACCOUNTS_PER_IMPORT);
    }
  }

  skip(ref: EntryRef, reason: SkipReason, found?: string): void {
    this.count();
    this.skipped.push({ ...ref, reason, ...(found ? { found: found.slice(0, MAX_FOUND_LENGTH) } : {}) });
  }

  result(): ParsedFile {
    if (this.entries === 0) throw new ImportStop("empty");
    return {
      format: this.format,
      encrypted: this.encrypted,
      candidates: this.candidates,
      skipped: this.skipped,
    };
  }
}

/** The reference of the `index`-th (0-based) entry of a JSON list, named by what the file calls it. */
export function entryRef(index: number, issuer: unknown, label: unknown): EntryRef {
  return { at: index + 1, byLine: false, issuer: nameText(issuer) ?? "", label: nameText(label) ?? "" };
}

type FieldError = Extract<OtpauthErrorCode, SkipReason>;
const FIELD_ERRORS: readonly OtpauthErrorCode[] = [
  "unsupported-type",
  "bad-secret",
  "bad-digits",
  "bad-algorithm",
  "bad-period",
  "bad-counter",
];

/** The skip reason of an otpauth:// URI that shared/otpauth.ts refused. */
export function skipReasonOf(code: OtpauthErrorCode): SkipReason {
  return FIELD_ERRORS.includes(code) ? (code as FieldError) : "unreadable";
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
