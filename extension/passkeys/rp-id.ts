// Which relying party an origin may act for: the WebAuthn rule (§5.1.3 / §5.1.4 step "rpId") — the origin
// must be secure (https, or http on localhost), its host must not be an IP address, and the rpId must equal
// the host or be a registrable domain suffix of it: a parent domain that is not itself a public suffix
// (Public Suffix List, private section included as browsers do: "github.io" is no rpId for "a.github.io").
import { getPublicSuffix } from "tldts";

export type RpIdRefusal = "insecure-origin" | "ip-address" | "bad-rp-id" | "not-a-suffix" | "public-suffix";

export type RpIdCheck = { ok: true; rpId: string; origin: string } | { ok: false; reason: RpIdRefusal };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function isLocalhost(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

/** The origin of `url` when WebAuthn may be used from it (https, or http on localhost), else null. */
export function secureOrigin(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === "https:" || (parsed.protocol === "http:" && isLocalhost(parsed.hostname))) {
    return parsed;
  }
  return null;
}

/** Checks `rpId` (absent: the origin's host) against the calling page's origin. */
export function checkRpId(rpId: string | undefined, pageUrl: string): RpIdCheck {
  const url = secureOrigin(pageUrl);
  if (!url) return { ok: false, reason: "insecure-origin" };
  const host = url.hostname;
  if (host.startsWith("[") || IPV4.test(host)) return { ok: false, reason: "ip-address" };
  // The URL parser has already lower-cased the host and turned IDNs into punycode; the rpId is compared
  // exactly as given (no case folding: "EXAMPLE.jp" is not the rpId the site registered with).
  const id = rpId ?? host;
  if (!DOMAIN.test(id)) return { ok: false, reason: "bad-rp-id" };
  if (id !== host) {
    if (!host.endsWith(`.${id}`)) return { ok: false, reason: "not-a-suffix" };
    if (getPublicSuffix(id, { allowPrivateDomains: true }) === id)
      return { ok: false, reason: "public-suffix" };
  }
  return { ok: true, rpId: id, origin: url.origin };
}
