// The rpId rule of WebAuthn against the calling page: equal host or a registrable parent domain, never a
// public suffix, never an IP address, https only (http on localhost).
import { describe, expect, it } from "vitest";
import { checkRpId } from "../../../../extension/passkeys/rp-id";

const reason = (rpId: string | undefined, page: string) => {
  const check = checkRpId(rpId, page);
  return check.ok ? "ok" : check.reason;
};

describe("rpId against the calling origin", () => {
  it("accepts the page's own host and its registrable parent domains", () => {
    expect(checkRpId("portal.kosmo.example.jp", "https://portal.kosmo.example.jp/login")).toEqual({
      ok: true,
      rpId: "portal.kosmo.example.jp",
      origin: "https://portal.kosmo.example.jp",
    });
    expect(reason("kosmo.example.jp", "https://portal.kosmo.example.jp/")).toBe("ok");
    expect(reason("example.jp", "https://portal.kosmo.example.jp/")).toBe("ok");
    expect(reason(undefined, "https://www.example.com:8443/x")).toBe("ok");
    expect(checkRpId(undefined, "https://www.example.com:8443/x")).toMatchObject({
      rpId: "www.example.com",
      origin: "https://www.example.com:8443",
    });
  });

  it("refuses a child domain, a sibling and look-alikes", () => {
    expect(reason("a.portal.example.jp", "https://portal.example.jp/")).toBe("not-a-suffix");
    expect(reason("other.example.jp", "https://portal.example.jp/")).toBe("not-a-suffix");
    expect(reason("example.jp", "https://example.jp.evil.example/")).toBe("not-a-suffix");
    expect(reason("example.jp", "https://evilexample.jp/")).toBe("not-a-suffix");
    expect(reason("kosmo.example", "https://kosmo.example.evil.example/")).toBe("not-a-suffix");
    // Case and a trailing dot are not folded: the rpId must be exactly the domain.
    expect(reason("Example.jp", "https://www.example.jp/")).toBe("bad-rp-id");
    expect(reason("example.jp.", "https://www.example.jp/")).toBe("bad-rp-id");
    expect(reason("example.jp:443", "https://www.example.jp/")).toBe("bad-rp-id");
  });

  it("refuses public suffixes, the private section of the list included", () => {
    expect(reason("co.jp", "https://shop.co.jp/")).toBe("public-suffix");
    expect(reason("jp", "https://example.jp/")).toBe("public-suffix");
    expect(reason("tokyo.jp", "https://city.tokyo.jp/")).toBe("public-suffix");
    expect(reason("github.io", "https://someone.github.io/")).toBe("public-suffix");
    expect(reason("someone.github.io", "https://someone.github.io/")).toBe("ok");
  });

  it("refuses IP addresses, plain http and other schemes; allows http on localhost", () => {
    expect(reason("127.0.0.1", "https://127.0.0.1/")).toBe("ip-address");
    expect(reason(undefined, "https://192.168.1.10:8443/")).toBe("ip-address");
    expect(reason(undefined, "https://[::1]/")).toBe("ip-address");
    expect(reason(undefined, "http://127.0.0.1:8787/")).toBe("insecure-origin");
    expect(reason("example.jp", "http://www.example.jp/")).toBe("insecure-origin");
    expect(reason("example.jp", "ftp://www.example.jp/")).toBe("insecure-origin");
    expect(reason("x", "not a url")).toBe("insecure-origin");
    expect(reason("localhost", "http://localhost:8787/login")).toBe("ok");
    expect(reason("localhost", "http://app.localhost:8787/")).toBe("public-suffix");
  });
});
