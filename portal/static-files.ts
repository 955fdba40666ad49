// /static/<name>: the stylesheet (portal/static) and the bundled browser scripts (dist/portal-client, built
// by scripts/build.ts). Only plain file names are served, never a path.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Hono } from "hono";
import type { AppEnv } from "./app-env";

const roots = [
  path.resolve(import.meta.dirname, "../dist/portal-client"),
  path.resolve(import.meta.dirname, "static"),
];

const contentTypes: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json",
};

export function registerStaticRoutes(app: Hono<AppEnv>): void {
  app.get("/static/:name", async (c) => {
    const name = c.req.param("name");
    const type = contentTypes[path.extname(name)];
    if (!type || !/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith(".")) return c.notFound();
    for (const root of roots) {
      const body = await readFile(path.join(root, name)).catch(() => null);
      if (body) {
        return c.body(new Uint8Array(body), 200, { "Content-Type": type, "Cache-Control": "no-cache" });
      }
    }
    return c.notFound();
  });
}
