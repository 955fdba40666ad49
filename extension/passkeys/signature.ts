// ES256 by WebCrypto: a new P-256 key pair per passkey, and signatures in the DER form WebAuthn requires
// (WebCrypto's ECDSA gives the raw r ‖ s, 64 bytes; a relying party reads an ASN.1 SEQUENCE of two INTEGERs).
import { fromBase64Url } from "./base64url";

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;

/** The private key as the vault stores it: a P-256 JWK's d, x, y (base64url). */
export interface Es256PrivateKey {
  d: string;
  x: string;
  y: string;
}

export async function generateEs256(): Promise<{
  privateKey: Es256PrivateKey;
  x: Uint8Array;
  y: Uint8Array;
}> {
  // Extractable once, so the key can be sealed into the vault; it is re-imported non-extractable to sign.
  const pair = await crypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const x = fromBase64Url(jwk.x ?? "");
  const y = fromBase64Url(jwk.y ?? "");
  if (!jwk.d || !x || !y) throw new Error("no P-256 key");
  return { privateKey: { d: jwk.d, x: jwk.x as string, y: jwk.y as string }, x, y };
}

function importPrivate(key: Es256PrivateKey): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "jwk",
    { kty: "EC", crv: "P-256", d: key.d, x: key.x, y: key.y, ext: false },
    ALGORITHM,
    false,
    ["sign"],
  );
}

/** One INTEGER of the DER signature: leading zeros dropped, one 0x00 added when the high bit is set. */
function derInteger(raw: Uint8Array): Uint8Array {
  let start = 0;
  while (start < raw.length - 1 && raw[start] === 0) start++;
  const body = raw.subarray(start);
  const pad = (body[0] ?? 0) & 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + body.length);
  out[0] = 0x02;
  out[1] = pad + body.length;
  out.set(body, 2 + pad);
  return out;
}

export function rawToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  if (raw.length !== 64) throw new Error("P-256 signature is 64 bytes");
  const r = derInteger(raw.subarray(0, 32));
  const s = derInteger(raw.subarray(32));
  const out = new Uint8Array(2 + r.length + s.length);
  out[0] = 0x30;
  out[1] = r.length + s.length; // at most 70: the short length form suffices
  out.set(r, 2);
  out.set(s, 2 + r.length);
  return out;
}

/** ECDSA P-256 / SHA-256 over `data`, DER-encoded. Throws when the stored key is not a valid P-256 key. */
export async function signEs256(key: Es256PrivateKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const raw = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, await importPrivate(key), data);
  return rawToDer(new Uint8Array(raw));
}
