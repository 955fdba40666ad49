// Encryption at rest for secrets the portal must read back (TOTP keys, the live mail code for a resend).
// AES-256-GCM with a random 96-bit nonce; the sealed form is versioned so the scheme can change later.
// Associated data binds a ciphertext to its purpose and row, so a sealed value cannot be moved elsewhere.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = "v1";
export const SECRET_KEY_FILE = "portal-secret.key";

export interface SecretBox {
  /** Encrypts `plaintext`; `context` (e.g. "totp:42") must be given again to open it. */
  seal(plaintext: string, context: string): string;
  /** Decrypts a value from `seal`; throws if it was altered, sealed with another key or another context. */
  open(sealed: string, context: string): string;
  /** Keyed hash (HMAC-SHA-256 with a subkey) for values stored only to be compared, e.g. mail codes. */
  mac(purpose: string, value: string): string;
}

export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error("secret key must be 32 bytes");
  const encryptionKey = Buffer.from(hkdfSync("sha256", key, "", "kosmo secret-box v1 encrypt", KEY_BYTES));
  const macKey = Buffer.from(hkdfSync("sha256", key, "", "kosmo secret-box v1 mac", KEY_BYTES));
  return {
    seal(plaintext, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", encryptionKey, nonce);
      cipher.setAAD(Buffer.from(`${VERSION}:${context}`));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${VERSION}.${Buffer.concat([nonce, tag, body]).toString("base64url")}`;
    },
    open(sealed, context) {
      const [version, payload, extra] = sealed.split(".");
      if (version !== VERSION || payload === undefined || extra !== undefined) {
        throw new Error("unsupported sealed value");
      }
      const bytes = Buffer.from(payload, "base64url");
      if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new Error("sealed value too short");
      const decipher = createDecipheriv("aes-256-gcm", encryptionKey, bytes.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.from(`${VERSION}:${context}`));
      decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      const body = bytes.subarray(NONCE_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    },
    mac(purpose, value) {
      return createHmac("sha256", macKey).update(`${purpose}\0${value}`).digest("base64url");
    },
  };
}

/** Accepts 64 hex characters or base64/base64url of exactly 32 bytes. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length !== KEY_BYTES) throw new Error("PORTAL_SECRET_KEY must be 32 bytes (64 hex or base64)");
  return key;
}

/**
 * The development key in DATA_DIR/portal-secret.key, created on first start (config.ts's loadSecretKey uses
 * PORTAL_SECRET_KEY instead when it is set).
 * The file is written completely under a temporary name with mode 0600 and then hard-linked into place:
 * link() fails if the name exists, so a key file is never overwritten and never seen half-written, even
 * when two instances start at once (the loser reads the winner's key).
 */
export function readOrCreateKeyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, SECRET_KEY_FILE);
  try {
    return parseSecretKey(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const temporary = path.join(
    dataDir,
    `.${SECRET_KEY_FILE}.${process.pid}.${randomBytes(6).toString("hex")}`,
  );
  writeKeyFile(temporary, generateSecretKey()); // on disk before it becomes visible under its real name
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  return parseSecretKey(readFileSync(file, "utf8"));
}

export function generateSecretKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Writes a key to a new file (never over an existing one), mode 0600, synced to disk. */
export function writeKeyFile(file: string, key: Uint8Array): void {
  const fd = openSync(file, "wx", 0o600);
  try {
    writeSync(fd, `${Buffer.from(key).toString("base64")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600); // the umask cannot widen it, but be explicit
}
