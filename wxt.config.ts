import { createRequire } from "node:module";
import type { Plugin } from "vite";
import { defineConfig } from "wxt";

const require = createRequire(import.meta.url);

/**
 * WXT adds its plugin loader to every page as a module script; with no WXT plugins (and no modulepreload
 * polyfill: Chrome and Edge preload modules themselves) that module is empty. A page whose own script is
 * not a module — the popup, entrypoints/popup-app.tsx — would still fetch the empty file before running:
 * its tag is dropped.
 */
function dropEmptyModuleScripts(): Plugin {
  return {
    name: "kosmo:drop-empty-module-scripts",
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle }) {
        const empty = Object.values(bundle ?? {}).flatMap((output) =>
          output.type === "chunk" && output.code.trim() === "" ? [output.fileName] : [],
        );
        return empty.reduce(
          (page, file) =>
            page.replace(new RegExp(`\\s*<script type="module"[^>]*src="/${file}"></script>`), ""),
          html,
        );
      },
    },
  };
}

// The extension lives in extension/ (WXT entrypoints and UI); shared/ holds code the portal uses too.
export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  // _locales, icons and the guide's screenshots live beside the sources (WXT's default is <root>/public).
  publicDir: "extension/public",
  imports: false,
  vite: () => ({ build: { modulePreload: { polyfill: false } }, plugins: [dropEmptyModuleScripts()] }),
  manifestVersion: 3,
  hooks: {
    // The QR decoder's WebAssembly ships inside the extension (MV3 forbids remote code); see scan/qr-decode.ts.
    "build:publicAssets": (_wxt, files) => {
      files.push({
        absoluteSrc: require.resolve("zxing-wasm/reader/zxing_reader.wasm"),
        relativeDest: "zxing_reader.wasm",
      });
    },
  },
  manifest: {
    name: "__MSG_extName__",
    description: "__MSG_extDescription__",
    default_locale: "ja",
    // offscreen: a page that is never shown, opened for a moment to clear the clipboard (clipboard-clear.ts).
    // webAuthenticationProxy: the extension as a passkey provider on the sites the member allows; tabs: the
    // URL of the front tab, so that it attaches only there (extension/passkeys/README.md says why).
    permissions: [
      "activeTab",
      "scripting",
      "storage",
      "alarms",
      "contextMenus",
      "clipboardWrite",
      "offscreen",
      "webAuthenticationProxy",
      "tabs",
    ],
    // The conditional-UI field (passkeys offered under the sign-in field): a page-script bridge on the sites the
    // member allowed, each asked for at run time from the popup, so the install asks for no host access
    // (extension/passkeys/README.md). The bridge's inline menu is our page in an iframe the site cannot read.
    optional_host_permissions: ["https://*/*", "http://localhost/*", "http://*.localhost/*"],
    web_accessible_resources: [
      { resources: ["passkey-menu.html"], matches: ["<all_urls>"], use_dynamic_url: true },
    ],
    // MV3's default CSP ("script-src 'self'") refuses to compile WebAssembly: zxing-wasm (QR) and hash-wasm
    // (Argon2id) need 'wasm-unsafe-eval'. Still no remote code: only the extension's own files.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
    action: { default_title: "__MSG_extShortName__" },
    // Alt+Shift+O ("O" for OTP) is not taken by Chrome or Edge; members can change it at
    // chrome://extensions/shortcuts (edge://extensions/shortcuts).
    commands: {
      "fill-otp": { suggested_key: { default: "Alt+Shift+O" }, description: "__MSG_commandFill__" },
    },
  },
});
