// Response headers for every page: a strict CSP (no inline script or style), no framing, no sniffing,
// a short referrer, HSTS when served over HTTPS, and no caching of member pages.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (c.get("deps").config.secureCookies) {
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    if (!c.req.path.startsWith("/static/")) headers.set("Cache-Control", "no-store");
  };
}
