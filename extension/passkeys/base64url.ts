// base64url without padding: the encoding of every binary field in WebAuthn's JSON forms (credential IDs,
// challenges, user handles, clientDataJSON, authenticatorData, signatures).
import { fromBase64, toBase64 } from "../vault/bytes";

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Null for anything that is not base64url (a request's fields come from a web page). */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (typeof text !== "string" || !BASE64URL.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  return fromBase64(padded);
}
