// The one stylesheet every page loads: /static/portal.css is the parts of portal/static/css joined in the
// cascade order of static-files.ts, served like the other static files (no-cache, text/css, the CSP).
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStylesheet, STYLESHEET_PARTS } from "../../../portal/static-files";
import { startTestPortal, type TestPortal } from "../../e2e/support/portal";

const cssDir = path.resolve(import.meta.dirname, "../../../portal/static/css");
let portal: TestPortal;

beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

describe("/static/portal.css", () => {
  it("answers 200 text/css with the static caching and security headers", async () => {
    const response = await fetch(`${portal.origin}/static/portal.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("content-security-policy")).toContain("style-src 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers a revalidation with 304 and no body while the content is unchanged", async () => {
    const first = await fetch(`${portal.origin}/static/portal.css`);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const again = await fetch(`${portal.origin}/static/portal.css`, {
      headers: { "If-None-Match": etag ?? "" },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const stale = await fetch(`${portal.origin}/static/portal.css`, {
      headers: { "If-None-Match": '"old"' },
    });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(await first.text());
  });

  it("holds every part, whole and in the listed order", async () => {
    const css = await (await fetch(`${portal.origin}/static/portal.css`)).text();
    const positions = STYLESHEET_PARTS.map((part) =>
      css.indexOf(readFileSync(path.join(cssDir, part), "utf8")),
    );
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // one rule from each part, named here so that an emptied part is noticed too
    for (const rule of [
      ":root {", //                       base
      ".site-header {", //               layout
      "@media (max-width: 600px)", //    layout
      ".field input {", //                forms
      ".alert-error {", //                forms
      ".choice:has(input:checked) {", //  first-login
      ".services {", //                   top-page
      ".mail-table {", //                 dev-mail
      ".factor-table,", //                security
    ]) {
      expect(css).toContain(rule);
    }
  });

  it("lists every file of portal/static/css, so a new part cannot be left out", () => {
    expect(readdirSync(cssDir).sort()).toEqual([...STYLESHEET_PARTS].sort());
  });

  it("is the only stylesheet a page links, and the parts are not served on their own", async () => {
    const html = await (await fetch(`${portal.origin}/login`)).text();
    expect(html.match(/<link[^>]*rel="stylesheet"[^>]*>/g)).toEqual([
      '<link rel="stylesheet" href="/static/portal.css"/>',
    ]);
    expect(html).not.toMatch(/<style|style="/);
    expect((await fetch(`${portal.origin}/static/base.css`)).status).toBe(404);
  });

  it("stops start-up when a part is missing", () => {
    expect(() => buildStylesheet(tmpdir())).toThrow(/ENOENT/);
  });
});

describe("/static/<bundled script>", () => {
  const scriptDir = path.resolve(import.meta.dirname, "../../../dist/portal-client");

  it("serves a script with its content ETag, and the new content once the file is rebuilt", async () => {
    mkdirSync(scriptDir, { recursive: true });
    const name = `static-files-test-${process.pid}.js`;
    const file = path.join(scriptDir, name);
    try {
      writeFileSync(file, "console.log(1);\n");
      const first = await fetch(`${portal.origin}/static/${name}`);
      expect(first.status).toBe(200);
      expect(first.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(await first.text()).toBe("console.log(1);\n");
      const etag = first.headers.get("etag") ?? "";
      const unchanged = await fetch(`${portal.origin}/static/${name}`, {
        headers: { "If-None-Match": etag },
      });
      expect(unchanged.status).toBe(304);

      writeFileSync(file, "console.log(2);\n");
      utimesSync(file, new Date(), new Date(Date.now() + 5_000)); // a later modification time even if both writes fall in one clock tick
      const rebuilt = await fetch(`${portal.origin}/static/${name}`, { headers: { "If-None-Match": etag } });
      expect(rebuilt.status).toBe(200);
      expect(await rebuilt.text()).toBe("console.log(2);\n");
      expect(rebuilt.headers.get("etag")).not.toBe(etag);
    } finally {
      rmSync(file, { force: true });
    }
    expect((await fetch(`${portal.origin}/static/${name}`)).status).toBe(404);
  });
});
