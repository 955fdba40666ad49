import { createRequire } from "node:module";
import { defineConfig } from "wxt";

const require = createRequire(import.meta.url);

// The extension lives in extension/ (WXT entrypoints and UI); shared/ holds code the portal uses too.
export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  imports: false,
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
    permissions: ["activeTab", "scripting", "storage", "alarms", "contextMenus", "clipboardWrite"],
  },
});
