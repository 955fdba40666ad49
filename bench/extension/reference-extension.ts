// The bound our popup is measured against: a reference MV3 extension whose popup sends one message to its
// service worker and paints 8 rows from the answer, plus an extension page with one static row and no script
// at all. Loaded beside ours in the same browser and timed in the same run with the same probe
// (timePopupOpen: the first `.account .code[data-code]` painted), so that what Chromium itself costs —
// opening an extension page, waking the worker, one round trip — is measured, not guessed.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const REFERENCE_ROWS = 8;

const MANIFEST = {
  manifest_version: 3,
  name: "KOSMO bench reference",
  version: "1.0.0",
  action: { default_popup: "popup.html" },
  background: { service_worker: "worker.js", type: "module" },
};

// The worker answers from memory: the rows are what our worker sends after reading and decrypting the vault.
const WORKER = `const rows = Array.from({ length: ${REFERENCE_ROWS} }, (_, i) => ({
  issuer: "Service " + i, label: "member" + i + "@example.jp", code: String(100000 + i * 7919).slice(0, 6),
}));
chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message?.type === "open") sendResponse({ rows });
});
`;

// Sent before anything else runs, rendered with plain DOM calls: no framework, one module, no chunks.
const POPUP_SCRIPT = `const answer = chrome.runtime.sendMessage({ type: "open" });
const { rows } = await answer;
const list = document.createElement("ul");
for (const row of rows) {
  const item = document.createElement("li");
  item.className = "account";
  const name = document.createElement("span");
  name.textContent = row.issuer + " " + row.label;
  const code = document.createElement("button");
  code.className = "code";
  code.dataset.code = row.code;
  code.textContent = row.code.slice(0, 3) + " " + row.code.slice(3);
  item.append(name, code);
  list.append(item);
}
document.getElementById("app").append(list);
`;

const PAGE = (body: string) => `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>reference</title>
<style>body{font-family:sans-serif;width:360px;margin:0}li{padding:8px 12px}.code{font-size:22px}</style>
</head><body>${body}</body></html>
`;

/** Writes the reference extension into a new temporary folder and returns the folder. */
export function writeReferenceExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kosmo-bench-reference-"));
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(MANIFEST, null, 2));
  writeFileSync(path.join(dir, "worker.js"), WORKER);
  writeFileSync(path.join(dir, "popup.js"), POPUP_SCRIPT);
  writeFileSync(
    path.join(dir, "popup.html"),
    PAGE('<div id="app"></div><script type="module" src="/popup.js"></script>'),
  );
  writeFileSync(
    path.join(dir, "static.html"),
    PAGE('<ul><li class="account"><button class="code" data-code="123456">123 456</button></li></ul>'),
  );
  return dir;
}
