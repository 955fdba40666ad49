// Which address a request comes from, for per-client throttling and the security event log. Behind a
// reverse proxy the socket peer is the proxy; each trusted proxy appends the address it saw to
// X-Forwarded-For, so the answer is the right-most entry that is not itself a trusted proxy. Everything to
// its left was written by the client and is never believed.
import { BlockList, isIP } from "node:net";

/** Addresses and networks of the operator's reverse proxies (TRUST_PROXY). */
export type TrustedProxies = BlockList;

/**
 * "127.0.0.1,10.0.0.0/8,::1" → a BlockList. Throws an Error naming the first bad entry. Empty entries (a
 * trailing comma) are skipped.
 */
export function parseTrustedProxies(value: string): TrustedProxies {
  const list = new BlockList();
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = "", prefix, ...extra] = entry.split("/");
    const family = isIP(address);
    if (family === 0 || address.includes("%") || extra.length > 0) throw badEntry(entry);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw badEntry(entry);
    list.addSubnet(address, bits, type);
  }
  return list;
}

function badEntry(entry: string): Error {
  return new Error(
    `"${entry}" is not an IP address or CIDR network (expected e.g. 127.0.0.1,10.0.0.0/8,::1)`,
  );
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy — then the right-most
 * X-Forwarded-For entry that is not a trusted proxy. A malformed entry met on the way, an empty header or a
 * chain of trusted proxies only gives the peer: nothing beyond a broken link can be vouched for.
 */
export function resolveClientAddress(
  peer: string | null,
  forwardedFor: string | undefined,
  trusted: TrustedProxies | null,
): string | null {
  if (!trusted || !peer || !forwardedFor || !isTrusted(peer, trusted)) return peer;
  const entries = forwardedFor.split(",").map((entry) => entry.trim());
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (isIP(entry) === 0 || entry.includes("%")) return peer; // proxies write bare addresses, no zones
    if (!isTrusted(entry, trusted)) return entry;
  }
  return peer;
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const bare = address.split("%")[0]!; // an IPv6 zone (fe80::1%eth0) says which interface, not who
  const family = isIP(bare);
  return family !== 0 && trusted.check(bare, family === 4 ? "ipv4" : "ipv6");
}
