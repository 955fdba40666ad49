import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "../../../../portal/auth/csrf";

const allowedOrigins = ["https://portal.example.jp"];

describe("CSRF check", () => {
  it("lets safe methods through", () => {
    expect(
      isSameOriginRequest({
        method: "GET",
        secFetchSite: "cross-site",
        origin: "https://evil.example",
        allowedOrigins,
      }),
    ).toBe(true);
  });

  it("uses Sec-Fetch-Site when the browser sends it", () => {
    expect(
      isSameOriginRequest({ method: "POST", secFetchSite: "same-origin", origin: undefined, allowedOrigins }),
    ).toBe(true);
    for (const site of ["same-site", "cross-site", "none"]) {
      expect(
        isSameOriginRequest({
          method: "POST",
          secFetchSite: site,
          origin: "https://portal.example.jp",
          allowedOrigins,
        }),
      ).toBe(false);
    }
  });

  it("falls back to Origin, and refuses when neither header says same-origin", () => {
    expect(
      isSameOriginRequest({
        method: "POST",
        secFetchSite: undefined,
        origin: "https://portal.example.jp",
        allowedOrigins,
      }),
    ).toBe(true);
    expect(
      isSameOriginRequest({
        method: "DELETE",
        secFetchSite: undefined,
        origin: "https://evil.example",
        allowedOrigins,
      }),
    ).toBe(false);
    expect(
      isSameOriginRequest({ method: "PUT", secFetchSite: undefined, origin: "null", allowedOrigins }),
    ).toBe(false);
    expect(
      isSameOriginRequest({ method: "POST", secFetchSite: undefined, origin: undefined, allowedOrigins }),
    ).toBe(false);
  });
});
