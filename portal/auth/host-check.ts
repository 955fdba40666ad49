// Every request must be addressed to the configured origin's host (PORTAL_ORIGIN), in every mode: a page on
// another site that re-binds its DNS name to this machine (DNS rebinding), or a client that reaches the
// portal by an address it was not published under, is refused before any route runs.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";

/** The Host header as browsers write it for `origin` (default ports left out), lower-cased. */
export function expectedHost(origin: string): string {
  return new URL(origin).host.toLowerCase();
}

export function isExpectedHost(hostHeader: string | undefined, origin: string): boolean {
  return hostHeader !== undefined && hostHeader.toLowerCase() === expectedHost(origin);
}

/**
 * `exemptPaths` are served under any Host: the health probes a load balancer sends to each instance by its own
 * address. They must not read or change member state.
 */
export function hostCheck(
  origin: string,
  onReject: (c: Context<AppEnv>) => Response | Promise<Response>,
  exemptPaths: readonly string[] = [],
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (exemptPaths.includes(c.req.path)) return next();
    if (!isExpectedHost(c.req.header("host") ?? new URL(c.req.url).host, origin)) return onReject(c);
    await next();
  };
}
