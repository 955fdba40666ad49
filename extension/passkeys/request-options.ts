// The page's options, as Chrome hands them over (PublicKeyCredentialCreationOptionsJSON /
// PublicKeyCredentialRequestOptionsJSON, base64url fields). They come from a web page: every field used is
// checked here, and anything malformed is refused before a window opens.
import { fromBase64Url } from "./base64url";

export const ES256 = -7;

export interface CreationRequest {
  /** Absent: the page's host (decided by checkRpId). */
  rpId?: string;
  rpName: string;
  user: { id: string; name: string; displayName: string };
  challenge: string;
  /** pubKeyCredParams' algorithms, in the page's order of preference. */
  algorithms: number[];
  excludeIds: string[];
  /** The credProps extension was asked for: answer {rk: true} (our passkeys are always discoverable). */
  credProps: boolean;
}

export interface AssertionRequest {
  rpId?: string;
  challenge: string;
  /** Empty: any discoverable passkey of the rpId (passwordless sign-in). */
  allowIds: string[];
  /** mediation "conditional": the page's sign-in field offers passkeys (autofill) instead of a dialog. */
  conditional: boolean;
}

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function b64u(value: unknown, min: number, max: number): string | null {
  if (typeof value !== "string") return null;
  const bytes = fromBase64Url(value);
  return bytes && bytes.length >= min && bytes.length <= max ? value : null;
}

function optionalText(value: unknown): string | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === "string" && value.length <= 1000 ? value : null;
}

function credentialIds(value: unknown): string[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 1000) return null;
  const ids: string[] = [];
  for (const item of value) {
    const id = b64u(record(item)?.id, 1, 1023);
    if (id === null) return null;
    ids.push(id);
  }
  return ids;
}

export function parseCreationOptions(json: unknown): CreationRequest | null {
  const o = record(json);
  const rp = record(o?.rp);
  const user = record(o?.user);
  if (!o || !rp || !user) return null;
  const rpId = optionalText(rp.id);
  const rpName = optionalText(rp.name);
  const userId = b64u(user.id, 1, 64);
  const name = optionalText(user.name);
  const displayName = optionalText(user.displayName);
  const challenge = b64u(o.challenge, 16, 1024);
  const excludeIds = credentialIds(o.excludeCredentials);
  const params = Array.isArray(o.pubKeyCredParams) ? o.pubKeyCredParams : null;
  const algorithms = params?.map((p) => record(p)?.alg).filter((a): a is number => typeof a === "number");
  if (rpId === null || rpName === null || !userId || name === null || displayName === null) return null;
  if (!challenge || !excludeIds || !algorithms) return null;
  return {
    ...(rpId !== undefined ? { rpId } : {}),
    rpName: rpName ?? rpId ?? "",
    user: { id: userId, name: name ?? "", displayName: displayName ?? "" },
    challenge,
    // An empty pubKeyCredParams means ES256 and RS256 (WebAuthn §5.4): ES256 is one of them.
    algorithms: algorithms.length > 0 ? algorithms : [ES256],
    excludeIds,
    credProps: record(o.extensions)?.credProps === true,
  };
}

export function parseRequestOptions(json: unknown, conditional: boolean): AssertionRequest | null {
  const o = record(json);
  if (!o) return null;
  const rpId = optionalText(o.rpId);
  const challenge = b64u(o.challenge, 16, 1024);
  const allowIds = credentialIds(o.allowCredentials);
  if (rpId === null || !challenge || !allowIds) return null;
  return { ...(rpId !== undefined ? { rpId } : {}), challenge, allowIds, conditional };
}
