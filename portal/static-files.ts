// /static/<name>: the stylesheet and the bundled browser scripts (dist/portal-client, built by
// scripts/build.ts). Only plain file names are served, never a path.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Hono } from "hono";
import type { AppEnv } from "./app-env";

const scriptRoot = path.resolve(import.meta.dirname, "../dist/portal-client");
const stylesheetRoot = path.resolve(import.meta.dirname, "static/css");

/**
 * Every page loads one stylesheet, /static/portal.css, made of these parts in this order (later parts may
 * refine earlier ones, so the order is part of the cascade).
 */
export const STYLESHEET_PARTS = [
  "base.css",
  "layout.css",
  "forms.css",
  "first-login.css",
  "top-page.css",
  "dev-mail.css",
  "security.css",
] as const;
export const STYLESHEET_NAME = "portal.css";

const contentTypes: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json",
};

/** The parts joined once; a missing part stops start-up rather than serving pages half styled. */
export function buildStylesheet(root = stylesheetRoot): Buffer {
  return Buffer.from(STYLESHEET_PARTS.map((part) => readFileSync(path.join(root, part), "utf8")).join("\n"));
}

interface StaticBody {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The file's modification time when read (the joined stylesheet never changes while the server runs). */
  mtimeMs: number;
}

function staticBody(file: Buffer, mtimeMs: number): StaticBody {
  const bytes = new Uint8Array(file); // one copy at read time, none per response
  return { bytes, etag: `"${createHash("sha256").update(bytes).digest("base64url")}"`, mtimeMs };
}

export function registerStaticRoutes(app: Hono<AppEnv>): void {
  const stylesheet = staticBody(buildStylesheet(), 0);
  // Bundled scripts read and hashed once per build: a stat per request notices a rebuild.
  const scripts = new Map<string, StaticBody>();
  async function script(name: string): Promise<StaticBody | null> {
    const file = path.join(scriptRoot, name);
    const mtimeMs = (await stat(file).catch(() => null))?.mtimeMs;
    if (mtimeMs === undefined) return null;
    const known = scripts.get(name);
    if (known?.mtimeMs === mtimeMs) return known;
    const fresh = staticBody(await readFile(file), mtimeMs);
    scripts.set(name, fresh);
    return fresh;
  }

  app.get("/static/:name", async (c) => {
    const name = c.req.param("name");
    const type = contentTypes[path.extname(name)];
    if (!type || !/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith(".")) return c.notFound();
    const body = name === STYLESHEET_NAME ? stylesheet : await script(name).catch(() => null);
    if (!body) return c.notFound();
    // no-cache + a content ETag: the browser revalidates each time (a new build is picked up at once) and a
    // 304 without a body answers when nothing changed.
    const headers = { "Content-Type": type, "Cache-Control": "no-cache", ETag: body.etag };
    if (c.req.header("If-None-Match") === body.etag) return c.body(null, 304, headers);
    return c.body(body.bytes, 200, headers);
  });
}
