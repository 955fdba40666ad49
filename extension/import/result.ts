// What an import tells the settings page and the popup: the preview (what would be added, replaced or skipped,
// named entry by entry, never a secret), why a file was refused as a whole, and what was finally written.
// Every reason is a string literal the UI turns into a catalogue message.

/** The formats recognised from a file's content (never from its name). */
export const IMPORT_FORMATS = [
  "otpauth", // otpauth:// and otpauth-migration:// lines (Chrome "Authenticator" text backup, our plain export)
  "kosmo", // our own encrypted backup
  "aegis",
  "2fas",
  "andotp",
  "authenticator", // the Chrome "Authenticator" extension's JSON backup
  "bitwarden",
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Why one entry of a file is not imported; `found` says what was there (never the secret). */
export const SKIP_REASONS = [
  "unsupported-type", // Steam, Yandex, mOTP, Battle.net … (found: the type)
  "bad-secret", // not 16–1024 base32 characters (found: too-short, too-long, invalid-character …)
  "bad-digits",
  "bad-algorithm",
  "bad-period",
  "bad-counter",
  "unreadable", // not an account at all, or a part of it could not be decrypted
  "duplicate-in-vault", // the same key is already registered
  "duplicate-in-file", // an earlier entry of the same file has the same key or names
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Why a whole file is refused: nothing is written. */
export const IMPORT_REFUSALS = [
  "locked",
  "empty",
  "too-large", // more bytes than any real backup
  "unknown-format",
  "damaged", // truncated or corrupt (broken JSON, missing fields, ciphertext that does not decrypt)
  "too-many-accounts", // more than MAX_ACCOUNTS_PER_IMPORT in the file
  "vault-full", // the vault would hold more than MAX_ACCOUNTS_PER_VAULT
  "kdf-too-costly", // the file asks for absurd key-derivation work
  "unsupported-encryption", // e.g. Bitwarden's encrypted export
  "expired", // the preview was confirmed too late, or another file was chosen since
  "changed", // the vault would now change otherwise than the preview showed
] as const;
export type ImportRefusal = (typeof IMPORT_REFUSALS)[number];

/** Where an entry is in its file: a line of a text file, or the position of an entry in a JSON list. */
export interface EntryRef {
  at: number;
  byLine: boolean;
  issuer: string;
  label: string;
}

export interface PreviewEntry extends EntryRef {
  type: "totp" | "hotp";
}

export interface ImportSkip extends EntryRef {
  reason: SkipReason;
  found?: string;
}

export type ImportPreviewResult =
  | {
      status: "preview";
      id: string;
      format: ImportFormat;
      encrypted: boolean;
      added: PreviewEntry[];
      replaced: PreviewEntry[];
      skipped: ImportSkip[];
      /** Our backup's passkeys the vault lacks: site and user name (never a key). */
      passkeys?: PasskeyEntry[];
    }
  | { status: "needs-password"; format: ImportFormat }
  | { status: "wrong-password"; format: ImportFormat }
  | ImportRefused;

export type ImportRefused = { status: "refused"; reason: ImportRefusal; limit?: number; count?: number };

/** A passkey an import would add, as the preview names it. */
export interface PasskeyEntry {
  rpId: string;
  userName: string;
}

export type ImportDoneResult =
  | { status: "imported"; added: number; replaced: number; skipped: number; passkeys?: number }
  | ImportRefused;
