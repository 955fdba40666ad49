// The conditional-UI field's page scripts run on exactly the sites that are both allowed
// (「このサイトでパスキーを使う」) and granted as an optional host permission: the MAIN-world bridge and the
// ISOLATED-world relay, top frame only, before the page's scripts, kept across sessions. Removing a site
// removes its grant and its registration.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

type Script = { id: string; matches?: string[]; world?: string; runAt?: string; allFrames?: boolean };
const granted = new Set<string>();
let registered: Script[] = [];
Object.assign(fakeBrowser, {
  permissions: {
    contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
    remove: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.delete(o)),
  },
  scripting: {
    getRegisteredContentScripts: async ({ ids }: { ids: string[] }) =>
      registered.filter((s) => ids.includes(s.id)),
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
      registered = registered.filter((s) => !ids.includes(s.id));
    },
    registerContentScripts: async (scripts: Script[]) => {
      registered.push(...scripts);
    },
  },
});
vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { dropPageAccess, pageScripts, syncPageScripts } = await import(
  "../../../../extension/background/passkey-page-access"
);
const { allowPasskeySite } = await import("../../../../extension/passkeys/passkey-sites");
const { originPattern } = await import("../../../../extension/passkeys/site-pattern");

beforeEach(() => {
  fakeBrowser.reset();
  granted.clear();
  registered = [];
});

describe("the conditional-UI field's page scripts", () => {
  it("are the MAIN-world bridge and the ISOLATED-world relay, top frame, at document_start, persistent", () => {
    expect(pageScripts([])).toEqual([]);
    expect(pageScripts(["http://localhost:8787/*"])).toEqual([
      expect.objectContaining({
        id: "kosmo-passkey-bridge",
        js: ["content-scripts/passkey-bridge.js"],
        world: "MAIN",
        matches: ["http://localhost:8787/*"],
        runAt: "document_start",
        allFrames: false,
        persistAcrossSessions: true,
      }),
      expect.objectContaining({ id: "kosmo-passkey-relay", world: "ISOLATED", allFrames: false }),
    ]);
    expect(originPattern("https://portal.kosmo.example.jp")).toBe("https://portal.kosmo.example.jp/*");
  });

  it("run only where the site is both allowed and granted, and go with the site", async () => {
    await allowPasskeySite("https://portal.kosmo.example.jp/login");
    await allowPasskeySite("https://not-granted.example/");
    granted.add("https://elsewhere.example/*"); // granted but never allowed
    await syncPageScripts();
    expect(registered).toEqual([]);

    granted.add("https://portal.kosmo.example.jp/*");
    await syncPageScripts();
    expect(registered.map((s) => [s.id, s.matches])).toEqual([
      ["kosmo-passkey-bridge", ["https://portal.kosmo.example.jp/*"]],
      ["kosmo-passkey-relay", ["https://portal.kosmo.example.jp/*"]],
    ]);

    const { forgetPasskeySite } = await import("../../../../extension/passkeys/passkey-sites");
    await forgetPasskeySite("https://portal.kosmo.example.jp");
    await dropPageAccess("https://portal.kosmo.example.jp");
    expect(granted.has("https://portal.kosmo.example.jp/*")).toBe(false);
    expect(registered).toEqual([]);
  });
});
