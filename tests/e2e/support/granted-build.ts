// A copy of a built extension whose manifest also lists `origins` in host_permissions. The conditional-UI
// field's host access is an optional permission asked with chrome.permissions.request, whose browser prompt
// headless Chromium cannot answer (the request stays pending, and chrome://extensions offers no "Site access"
// switch for optional hosts). Granted at install, the prompt has nothing to ask; everything else is the build
// as shipped.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function buildWithHostAccess(dir: string, origins: string[]): { dir: string; remove(): void } {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), "kosmo-granted-")), path.basename(dir));
  cpSync(dir, copy, { recursive: true });
  const file = path.join(copy, "manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins];
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return { dir: copy, remove: () => rmSync(path.dirname(copy), { recursive: true, force: true }) };
}
