import { defineConfig } from "wxt";

// The extension lives in extension/ (WXT entrypoints and UI); shared/ holds code the portal uses too.
export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  imports: false,
  manifestVersion: 3,
  manifest: {
    name: "__MSG_extName__",
    description: "__MSG_extDescription__",
    default_locale: "ja",
    permissions: ["activeTab", "scripting", "storage", "alarms", "contextMenus", "clipboardWrite"],
  },
});
