// The popup's JavaScript as the browser loads it: each script and modulepreload chunk of popup.html, gzipped.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export function popupScriptSizes(buildDir: string): { files: string[]; rawBytes: number; gzipBytes: number } {
  const html = readFileSync(path.join(buildDir, "popup.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((match) => match[1]!);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const body = readFileSync(path.join(buildDir, file));
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files, rawBytes, gzipBytes };
}
