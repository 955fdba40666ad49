// The client-address rule: the peer unless it is a trusted proxy; then the right-most X-Forwarded-For entry
// that is not a trusted proxy. Left-most entries are the client's own words and are never believed.
import { describe, expect, it } from "vitest";
import { parseTrustedProxies, resolveClientAddress } from "../../../../portal/auth/client-address";

const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1, 2001:db8:aa::/48");
const resolve = (peer: string | null, header?: string) => resolveClientAddress(peer, header, trusted);

describe("parseTrustedProxies", () => {
  it("accepts IPv4 and IPv6 addresses and CIDR networks, skipping empty entries", () => {
    const list = parseTrustedProxies("192.0.2.1,,10.0.0.0/8, fd00::/8 ,");
    expect(list.check("192.0.2.1", "ipv4")).toBe(true);
    expect(list.check("10.255.0.1", "ipv4")).toBe(true);
    expect(list.check("fd12::1", "ipv6")).toBe(true);
    expect(list.check("192.0.2.2", "ipv4")).toBe(false);
    expect(list.check("11.0.0.1", "ipv4")).toBe(false);
  });

  it.each([
    "localhost",
    "10.0.0.0/33",
    "::1/129",
    "10.0.0.0/",
    "10.0.0.0/8/8",
    "10.0.0.0/-1",
    "10.0.0.0/8x",
    "256.0.0.1",
    "fe80::1%eth0",
    "127.0.0.1 10.0.0.1",
  ])("refuses %j and names it", (value) => {
    expect(() => parseTrustedProxies(`127.0.0.1,${value}`)).toThrow(`"${value}" is not an IP address`);
  });
});

describe("resolveClientAddress", () => {
  it("is the peer when TRUST_PROXY is unset, whatever the header says", () => {
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", null)).toBe("127.0.0.1");
    expect(resolveClientAddress("198.51.100.7", "203.0.113.9", null)).toBe("198.51.100.7");
  });

  it("ignores the header from a peer that is not a trusted proxy", () => {
    for (const peer of ["198.51.100.7", "11.0.0.1", "2001:db8:bb::1"]) {
      expect(resolve(peer, "203.0.113.9")).toBe(peer);
    }
  });

  it("takes the entry the trusted proxy appended", () => {
    expect(resolve("127.0.0.1", "203.0.113.9")).toBe("203.0.113.9");
    expect(resolve("::1", "2001:db8:cc::5")).toBe("2001:db8:cc::5");
    expect(resolve("2001:db8:aa:1::7", "203.0.113.9")).toBe("203.0.113.9");
  });

  it("never believes the client-written left-most entries", () => {
    // The client sent "X-Forwarded-For: 1.1.1.1, 10.0.0.2"; the proxy appended the address it saw.
    expect(resolve("127.0.0.1", "1.1.1.1, 10.0.0.2, 203.0.113.9")).toBe("203.0.113.9");
    expect(resolve("127.0.0.1", "127.0.0.1,203.0.113.9")).toBe("203.0.113.9");
  });

  it("walks back through a chain of trusted proxies", () => {
    // client → CDN edge (10.1.1.1 saw the client) → load balancer (10.2.2.2) → local proxy (peer).
    expect(resolve("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.1.1, 10.2.2.2")).toBe("203.0.113.9");
    expect(resolve("::1", "2001:db8:cc::5, 2001:db8:aa::1, ::1")).toBe("2001:db8:cc::5");
  });

  it("treats an IPv4-mapped IPv6 peer (a dual-stack socket) as its IPv4 address", () => {
    expect(resolve("::ffff:127.0.0.1", "203.0.113.9")).toBe("203.0.113.9");
    expect(resolve("::ffff:10.9.8.7", "203.0.113.9")).toBe("203.0.113.9");
    expect(resolve("::ffff:198.51.100.7", "203.0.113.9")).toBe("::ffff:198.51.100.7");
    // and a mapped trusted proxy inside the header is skipped like its IPv4 form
    expect(resolve("127.0.0.1", "203.0.113.9, ::ffff:10.0.0.2")).toBe("203.0.113.9");
  });

  it("falls back to the peer on garbage before a client address is found", () => {
    for (const header of [
      "",
      " ",
      "unknown",
      "203.0.113.9, unknown",
      "203.0.113.9,",
      "203.0.113.9:4711",
      "[2001:db8:cc::5]",
      "2001:db8:cc::5%eth0",
      "203.0.113.9 198.51.100.1",
      "<script>",
      "1.1.1.1, 10.0.0.2, garbage, 10.1.1.1",
    ]) {
      expect(resolve("127.0.0.1", header), header).toBe("127.0.0.1");
    }
    // garbage further left than the answer is never looked at
    expect(resolve("127.0.0.1", "garbage, 203.0.113.9")).toBe("203.0.113.9");
  });

  it("gives the peer when every entry is a trusted proxy, or there is no peer", () => {
    expect(resolve("127.0.0.1", "10.0.0.5, 10.0.0.6")).toBe("127.0.0.1");
    expect(resolve("127.0.0.1", undefined)).toBe("127.0.0.1");
    expect(resolve(null, "203.0.113.9")).toBeNull();
  });
});
