// Google Authenticator's export, `otpauth-migration://offline?data=<base64 protobuf>` (one or several QR
// codes), read with a small but real protobuf wire-format parser: varints up to 64 bits, length-delimited
// fields with bounds checks, unknown fields skipped. Layout (from Aegis' google_auth.proto):
//   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2; int32 batch_size = 3;
//                      int32 batch_index = 4; int32 batch_id = 5; }
//   OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
//                   DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
// UNSPECIFIED enum values mean SHA1, 6 digits, TOTP. Entries we cannot use (MD5, 7 digits, a key outside the
// one rule of base32.ts' checkBase32Secret) are skipped with their names and the reason, so the UI can say so.
import { checkBase32Secret, encodeBase32, MAX_SECRET_LENGTH } from "./base32";
import { DEFAULT_PERIOD, type OtpAlgorithm, type OtpDigits, type OtpParameters } from "./types";

export type MigrationErrorCode = "not-migration" | "bad-data" | "empty";

export interface MigrationBatch {
  /** 0-based index of this QR code among `size` codes of one export (`id` identifies the export). */
  index: number;
  size: number;
  id: number;
}

/** An entry of the export that is not imported, named, with why (same words as an otpauth:// URI's error). */
export interface MigrationSkip {
  issuer: string;
  label: string;
  reason: "unsupported-type" | "bad-secret" | "bad-algorithm" | "bad-digits" | "bad-counter";
  found: string;
}

export type MigrationParseResult =
  | { ok: true; accounts: OtpParameters[]; skipped: MigrationSkip[]; batch: MigrationBatch }
  | { ok: false; error: { code: MigrationErrorCode; found: string } };

const MAX_DATA_BYTES = 64 * 1024;
const MAX_ENTRIES = 1000;

class WireError extends Error {}

/** A cursor over protobuf bytes; every read is bounds-checked. */
class WireReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.offset >= this.bytes.length) throw new WireError("truncated varint");
      const byte = this.bytes[this.offset++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new WireError("varint too long");
  }

  smallInt(): number {
    const value = this.varint();
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.NaN : Number(value);
  }

  lengthDelimited(): Uint8Array {
    const length = this.smallInt();
    if (!Number.isFinite(length) || this.offset + length > this.bytes.length)
      throw new WireError("bad length");
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 2) this.lengthDelimited();
    else if (wireType === 1 || wireType === 5) this.advance(wireType === 1 ? 8 : 4);
    else throw new WireError(`unsupported wire type ${wireType}`);
  }

  /** Field number and wire type of the next field. */
  tag(): { field: number; wireType: number } {
    const key = this.smallInt();
    const field = Math.floor(key / 8);
    if (field === 0) throw new WireError("field 0");
    return { field, wireType: key % 8 };
  }

  private advance(count: number): void {
    if (this.offset + count > this.bytes.length) throw new WireError("truncated fixed field");
    this.offset += count;
  }
}

interface RawEntry {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

function expectWireType(actual: number, expected: number): void {
  if (actual !== expected) throw new WireError("unexpected wire type");
}

function readEntry(bytes: Uint8Array): RawEntry {
  const reader = new WireReader(bytes);
  const text = new TextDecoder("utf-8", { fatal: true });
  const entry: RawEntry = {
    secret: new Uint8Array(),
    name: "",
    issuer: "",
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field >= 1 && field <= 3) {
      expectWireType(wireType, 2);
      const value = reader.lengthDelimited();
      if (field === 1) entry.secret = value.slice();
      else if (field === 2) entry.name = text.decode(value);
      else entry.issuer = text.decode(value);
    } else if (field >= 4 && field <= 7) {
      expectWireType(wireType, 0);
      const value = reader.varint();
      if (field === 7) entry.counter = value;
      else if (field === 4) entry.algorithm = Number(BigInt.asUintN(32, value));
      else if (field === 5) entry.digits = Number(BigInt.asUintN(32, value));
      else entry.type = Number(BigInt.asUintN(32, value));
    } else {
      reader.skip(wireType);
    }
  }
  return entry;
}

const ALGORITHMS: Record<number, OtpAlgorithm> = { 0: "SHA1", 1: "SHA1", 2: "SHA256", 3: "SHA512" };
const DIGITS: Record<number, OtpDigits> = { 0: 6, 1: 6, 2: 8 };

/** Google writes "Issuer:account" in name when it knows the issuer; keep the account part only. */
function splitName(name: string, issuer: string): { issuer: string; label: string } {
  const colon = name.indexOf(":");
  if (colon < 0) return { issuer, label: name.trim() };
  const prefix = name.slice(0, colon).trim();
  const rest = name.slice(colon + 1).trim();
  if (issuer === "") return { issuer: prefix, label: rest };
  return prefix === issuer ? { issuer, label: rest } : { issuer, label: name.trim() };
}

/** Raw key bytes beyond what MAX_SECRET_LENGTH base32 characters hold are refused without encoding them. */
const MAX_SECRET_BYTES = Math.floor((MAX_SECRET_LENGTH * 5) / 8);

function toParameters(entry: RawEntry): OtpParameters | MigrationSkip {
  const names = splitName(entry.name, entry.issuer.trim());
  const skip = (reason: MigrationSkip["reason"], found: string): MigrationSkip => ({
    ...names,
    reason,
    found,
  });
  const algorithm = ALGORITHMS[entry.algorithm];
  const digits = DIGITS[entry.digits];
  if (entry.type > 2) return skip("unsupported-type", String(entry.type));
  if (!algorithm) return skip("bad-algorithm", entry.algorithm === 4 ? "MD5" : String(entry.algorithm));
  if (!digits) return skip("bad-digits", entry.digits === 3 ? "7" : String(entry.digits));
  if (entry.secret.length > MAX_SECRET_BYTES) return skip("bad-secret", "too-long");
  const secret = checkBase32Secret(encodeBase32(entry.secret));
  if (!secret.ok) return skip("bad-secret", secret.problem);
  const account: OtpParameters = {
    type: entry.type === 1 ? "hotp" : "totp",
    issuer: names.issuer,
    label: names.label,
    secret: secret.secret,
    algorithm,
    digits,
    period: DEFAULT_PERIOD,
  };
  if (account.type === "hotp") {
    if (entry.counter > BigInt(Number.MAX_SAFE_INTEGER)) return skip("bad-counter", "too-large");
    account.counter = Number(entry.counter);
  }
  return account;
}

function decodeBase64(text: string): Uint8Array {
  const standard = text.replace(/ /g, "+").replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, "="));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function fail(code: MigrationErrorCode, found = ""): MigrationParseResult {
  return { ok: false, error: { code, found } };
}

/** Parses one QR code of a Google Authenticator export. */
export function parseMigrationUri(input: string): MigrationParseResult {
  const text = input.trim();
  const match = /^otpauth-migration:\/\/offline\/?\?(.*)$/is.exec(text);
  if (!match) return fail("not-migration");
  const dataParam = (match[1] ?? "").split("&").find((pair) => pair.toLowerCase().startsWith("data="));
  if (!dataParam) return fail("bad-data", "missing");
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(decodeURIComponent(dataParam.slice(5)));
  } catch {
    return fail("bad-data", "base64");
  }
  if (bytes.length > MAX_DATA_BYTES) return fail("bad-data", "too-large");
  try {
    return readPayload(bytes);
  } catch (error) {
    if (error instanceof WireError || error instanceof TypeError) return fail("bad-data", "protobuf");
    throw error;
  }
}

function readPayload(bytes: Uint8Array): MigrationParseResult {
  const reader = new WireReader(bytes);
  const accounts: OtpParameters[] = [];
  const batch: MigrationBatch = { index: 0, size: 1, id: 0 };
  const skipped: MigrationSkip[] = [];
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1) {
      expectWireType(wireType, 2);
      if (accounts.length + skipped.length >= MAX_ENTRIES) throw new WireError("too many entries");
      const account = toParameters(readEntry(reader.lengthDelimited()));
      if ("reason" in account) skipped.push(account);
      else accounts.push(account);
    } else if (field >= 2 && field <= 5 && wireType === 0) {
      const value = Number(BigInt.asIntN(32, reader.varint()));
      if (field === 3) batch.size = Math.max(1, value);
      else if (field === 4) batch.index = Math.max(0, value);
      else if (field === 5) batch.id = value;
    } else {
      reader.skip(wireType);
    }
  }
  if (accounts.length === 0 && skipped.length === 0) return fail("empty");
  return { ok: true, accounts, skipped, batch };
}
