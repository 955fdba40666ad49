// Passkeys travel in our encrypted backup: exported inside the envelope, named in the import preview (site
// and user, never a key), added by 「取り込む」 in the same write as the accounts; a passkey already held keeps
// its name and the higher counter; a site-and-user the vault has a newer passkey for is left out.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { testPasskey } from "../../support/test-passkey";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { handleRequest } = await import("../../../../extension/background/handlers");
const { storePasskey, readPasskeys } = await import("../../../../extension/passkeys/passkey-store");
const { mergePasskeys } = await import("../../../../extension/passkeys/passkey-merge");
type Request = import("../../../../extension/messaging").Request;

const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL("/options.html") };
const ask = (request: Request) => handleRequest(request, page) as Promise<Record<string, unknown>>;
const PASSWORD = "correct horse battery";

const newPasskey = (user: string, rpId = "kosmo.example.jp") => testPasskey(user, rpId);

beforeEach(() => {
  fakeBrowser.reset();
});

describe("passkeys in the encrypted backup", { timeout: 60_000 }, () => {
  it("exports them encrypted and imports them into a new vault", async () => {
    await ask({ type: "create", password: PASSWORD });
    const passkey = await newPasskey("K1234567");
    await storePasskey(passkey);
    const { text } = (await ask({ type: "export", format: "encrypted" })) as { text: string };
    expect(text).not.toContain(passkey.privateKey.d);
    expect(text).not.toContain("K1234567");

    await ask({ type: "reset", typed: "リセット" });
    await ask({ type: "create", password: "another master password" });
    const file = Buffer.from(text).toString("base64");
    const shown = await ask({ type: "import-preview", file, password: PASSWORD });
    expect(shown).toMatchObject({
      status: "preview",
      added: [],
      passkeys: [{ rpId: "kosmo.example.jp", userName: "K1234567" }],
    });
    expect(JSON.stringify(shown)).not.toContain(passkey.privateKey.d);
    expect(await readPasskeys()).toEqual([]);
    const done = await ask({ type: "import-confirm", id: shown.id as string });
    expect(done).toMatchObject({ status: "imported", passkeys: 1 });
    expect(await readPasskeys()).toEqual([passkey]);
  });

  it("keeps the vault's name and the higher counter, and leaves out an older passkey of the same account", async () => {
    const held = { ...(await newPasskey("a")), label: "仕事用", signCount: 1_800_000_000 };
    const fromBackup = { ...held, label: "", signCount: 5 };
    const replacedSince = await newPasskey("b");
    const newer = { ...(await newPasskey("b")), id: "bmV3ZXItY3JlZGVudGlhbA" };
    const other = await newPasskey("c", "example.com");
    const merged = mergePasskeys([held, newer], [fromBackup, replacedSince, other]);
    expect(merged.added).toEqual([other]);
    expect(merged.passkeys).toEqual([held, newer, other]);
    expect(mergePasskeys([{ ...held, signCount: 3 }], [held]).passkeys[0]?.signCount).toBe(1_800_000_000);
  });
});
