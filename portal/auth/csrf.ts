// CSRF defence for every state-changing request, whatever its body type (Hono's csrf() only looks at form
// posts): the browser's Sec-Fetch-Site must say same-origin, or — for older browsers — Origin must be ours.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginRequest(input: {
  method: string;
  secFetchSite: string | undefined;
  origin: string | undefined;
  allowedOrigins: readonly string[];
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (input.secFetchSite !== undefined) return input.secFetchSite === "same-origin";
  if (input.origin === undefined || input.origin === "null") return false;
  return input.allowedOrigins.includes(input.origin);
}

export function csrfProtection(
  onReject: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Safe methods pass whatever their headers say (isSameOriginRequest agrees): no need to parse the URL.
    if (SAFE_METHODS.has(c.req.method)) return next();
    // The configured origin only: the request's own Host is whatever the client wrote.
    const allowed = [c.get("deps").config.portalOrigin];
    const ok = isSameOriginRequest({
      method: c.req.method,
      secFetchSite: c.req.header("sec-fetch-site"),
      origin: c.req.header("origin"),
      allowedOrigins: allowed,
    });
    if (!ok) return onReject(c);
    await next();
  };
}
