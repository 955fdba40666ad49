// Random tokens for cookies and mailed links, stored only as their SHA-256; constant-time comparison.
import { createHash, hash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 bits from the CSPRNG, base64url (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256 hex; the one-shot crypto.hash (runs on every signed-in request) is a third of createHash's cost. */
export function hashToken(token: string): string {
  return hash("sha256", token, "hex");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a, "utf8").digest();
  const right = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

/** Tokens arriving from a URL or cookie: only the exact shape `randomToken` produces is looked up. */
export function isWellFormedToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
