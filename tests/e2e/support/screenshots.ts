// Screenshots the e2e run keeps for a human look (not the member guide's): in the gitignored test-output/
// folder of the checkout, created on demand, so a fresh machine needs nothing prepared.
import { mkdirSync } from "node:fs";
import path from "node:path";

export function screenshotDir(area: string): string {
  const dir = path.resolve("test-output/screenshots", area);
  mkdirSync(dir, { recursive: true });
  return dir;
}
