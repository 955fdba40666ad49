import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../../../portal/app-env";
import { csrfProtection, isSameOriginRequest } from "../../../../portal/auth/csrf";
import type { Deps } from "../../../../portal/deps";

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

describe("csrfProtection middleware", () => {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("deps", { config: { portalOrigin: "https://portal.example.jp" } } as Deps);
    await next();
  });
  app.use(
    "*",
    csrfProtection((c) => c.text("refused", 403)),
  );
  app.all("*", (c) => c.text("ok"));
  const send = (method: string, headers: Record<string, string>) =>
    app.fetch(new Request("https://portal.example.jp/x", { method, headers }));

  it("refuses a cross-site POST or DELETE and passes a same-origin one", async () => {
    for (const method of ["POST", "DELETE", "PATCH"]) {
      expect((await send(method, { "sec-fetch-site": "cross-site" })).status).toBe(403);
      expect((await send(method, { origin: "https://evil.example" })).status).toBe(403);
      expect((await send(method, { origin: "https://portal.example.jp" })).status).toBe(200);
    }
  });

  it("passes GET and HEAD whatever their headers say", async () => {
    for (const method of ["GET", "HEAD"]) {
      expect((await send(method, { "sec-fetch-site": "cross-site" })).status).toBe(200);
    }
  });
});
