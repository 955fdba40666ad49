// For the load balancer and the orchestrator, not for members: /healthz says the process answers (liveness),
// /readyz says this instance can serve (the database answers, every migration has run, it is not draining after
// SIGTERM). Any Host is accepted (a balancer probes by address: app.ts exempts these paths from the Host check);
// the answers are fixed words, never an error message, a URL or a version.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { pingDatabase } from "../db/database";
import { pendingMigrations } from "../db/migrate";

export const HEALTH_PATHS: readonly string[] = ["/healthz", "/readyz"];

type NotReady = "draining" | "database" | "migrations";

export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/healthz", (c) => c.json({ status: "ok" }))
    .get("/readyz", async (c) => {
      const reason = await notReadyBecause(c.var.deps);
      if (reason) return c.json({ status: "unavailable", reason }, 503);
      return c.json({ status: "ready" });
    });
}

async function notReadyBecause(deps: AppEnv["Variables"]["deps"]): Promise<NotReady | null> {
  if (deps.lifecycle.draining) return "draining";
  try {
    await pingDatabase(deps.db);
  } catch {
    return "database";
  }
  try {
    return (await pendingMigrations(deps.db)).length > 0 ? "migrations" : null;
  } catch {
    return "database";
  }
}
