// The bounds every import obeys, whatever its format: how many accounts, how large a file, and how much
// key-derivation work a file may ask for. A file is refused before any work beyond these is done.
import type { ImportFormat, ImportRefusal } from "./result";

/** Accounts one file may add, and accounts the vault may hold: far above any member's real list. */
export const MAX_ACCOUNTS_PER_IMPORT = 1000;
export const MAX_ACCOUNTS_PER_VAULT = 1000;
/** Entries of any kind (accounts, unusable entries, lines) read from one file before it is refused. */
export const MAX_FILE_ENTRIES = 5000;
/** Large enough for a thousand accounts with icons; a bigger "backup" is not one. */
export const MAX_IMPORT_BYTES = 2_000_000;

/** Imported files choose their own KDF parameters; these are the most we derive with. */
export const IMPORT_KDF_LIMITS = {
  /** Argon2id of our own envelope (we write 64 MiB, 3 passes). */
  argon2: { maxMemoryKiB: 262_144, maxIterations: 8 },
  /** scrypt of Aegis (it writes N=2^15, r=8, p=1: 32 MiB). Memory is 128·N·r bytes. */
  scrypt: { maxMemoryBytes: 256 * 1024 * 1024, maxN: 2 ** 20, maxR: 32, maxP: 4 },
  /** PBKDF2 of andOTP (it writes 140,000–160,000). */
  pbkdf2: { maxIterations: 1_000_000 },
} as const;

/** Ends the reading of a file: refused for a reason, or the password is missing or wrong. */
export class ImportStop extends Error {
  /** The format of the file, once known (the page names it when asking for its password). */
  format?: ImportFormat;

  constructor(
    readonly outcome: ImportRefusal | "needs-password" | "wrong-password",
    readonly limit?: number,
  ) {
    super(outcome);
  }
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

export function checkScryptParams(n: unknown, r: unknown, p: unknown): { n: number; r: number; p: number } {
  const { maxMemoryBytes, maxN, maxR, maxP } = IMPORT_KDF_LIMITS.scrypt;
  if (!isInt(n, 2, Number.MAX_SAFE_INTEGER) || !isInt(r, 1, Number.MAX_SAFE_INTEGER) || !isInt(p, 1, 1e9)) {
    throw new ImportStop("damaged");
  }
  if ((n & (n - 1)) !== 0) throw new ImportStop("damaged"); // scrypt's N is a power of two
  if (n > maxN || r > maxR || p > maxP || 128 * n * r > maxMemoryBytes)
    throw new ImportStop("kdf-too-costly");
  return { n, r, p };
}

export function checkPbkdf2Iterations(iterations: number): number {
  if (!Number.isInteger(iterations) || iterations < 1) throw new ImportStop("damaged");
  if (iterations > IMPORT_KDF_LIMITS.pbkdf2.maxIterations) throw new ImportStop("kdf-too-costly");
  return iterations;
}

export function checkArgon2Params(memoryKiB: number, iterations: number): void {
  const { maxMemoryKiB, maxIterations } = IMPORT_KDF_LIMITS.argon2;
  if (memoryKiB > maxMemoryKiB || iterations > maxIterations) throw new ImportStop("kdf-too-costly");
}
