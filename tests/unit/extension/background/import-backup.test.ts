// Import through the background's message boundary: our own encrypted backup needs the password it was made
// with (a wrong one changes nothing), keeps origin bindings and skips what is already there; a text file
// reports added / duplicate / invalid lines; a Google Authenticator export found by a scan or a paste is
// offered with its count first and added by one import; every import is one vault write or none.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { migrationUri } from "../../support/migration-export";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { handleRequest } = await import("../../../../extension/background/handlers");
type Request = import("../../../../extension/messaging").Request;

const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL("/options.html") };
const ask = (request: Request) => handleRequest(request, page) as Promise<Record<string, unknown>>;
const storedText = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));
const accounts = async () => ((await ask({ type: "list" })) as { accounts: { issuer: string }[] }).accounts;

const A = "otpauth://totp/Alpha:ann?secret=JBSWY3DPEHPK3PXP&issuer=Alpha";
const B = "otpauth://totp/Beta:bob?secret=KRSXG5CTMVRXEZLU&issuer=Beta";
const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];

beforeEach(() => {
  fakeBrowser.reset();
});

describe("import", () => {
  it("reads a text file: added, duplicates and invalid lines by number, nothing written when nothing is new", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    await ask({ type: "add-uri", text: A, mode: "ask" });
    const { accounts: answered, ...report } = await ask({
      type: "import",
      text: `${A}\n${B}\nWIFI:S:home;;\n${B}\n`,
    });
    expect(report).toEqual({
      status: "imported",
      added: 1,
      duplicates: [1, 4],
      invalid: [{ line: 3, code: "not-otpauth" }],
      unusable: 0,
    });
    // The answer carries the new list, so the page does not ask for it again.
    expect(answered).toEqual(await accounts());
    expect((await accounts()).map((a) => a.issuer)).toEqual(["Alpha", "Beta"]);
    expect(await storedText()).not.toContain("KRSXG5CT");

    const before = await storedText();
    expect(await ask({ type: "import", text: "https://example.com/\n" })).toMatchObject({
      added: 0,
      invalid: [{ line: 1, code: "is-url" }],
    });
    expect(await ask({ type: "import", text: "\n# nothing\n" })).toEqual({ status: "error", error: "empty" });
    expect(await storedText()).toBe(before);
  });

  it("opens our encrypted backup only with its password, keeps origins, and skips what is already there", async () => {
    await ask({ type: "create", password: "old master password" });
    await ask({ type: "add-uri", text: A, mode: "ask" });
    const [alpha] = (await ask({ type: "list" })).accounts as { id: string }[];
    await ask({ type: "set-origin", id: alpha!.id, origin: "https://alpha.example" });
    const backup = ((await ask({ type: "export", format: "encrypted" })) as { text: string }).text;

    await ask({ type: "reset", typed: "RESET" });
    await ask({ type: "create", password: "new master password" });
    await ask({ type: "add-uri", text: B, mode: "ask" });
    expect(await ask({ type: "import", text: backup })).toEqual({ status: "needs-password" });
    const before = await storedText();
    expect(await ask({ type: "import", text: backup, password: "new master password" })).toEqual({
      status: "wrong-password",
    });
    expect(await storedText()).toBe(before);
    expect(await ask({ type: "import", text: '{"format":"kosmo-authenticator-vault"}' })).toEqual({
      status: "error",
      error: "bad-file",
    });

    const imported = await ask({ type: "import", text: backup, password: "old master password" });
    expect(imported).toMatchObject({ status: "imported", added: 1, duplicates: [] });
    const list = (await ask({ type: "list" })).accounts as { issuer: string; origin?: string }[];
    expect(list.map((a) => [a.issuer, a.origin])).toEqual([
      ["Beta", undefined],
      ["Alpha", "https://alpha.example"],
    ]);
    expect(await ask({ type: "import", text: backup, password: "old master password" })).toMatchObject({
      added: 0,
      duplicates: [1],
    });
  });

  it("offers a Google Authenticator export with its count, then adds all its accounts in one import", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    const text = migrationUri([
      { secret: HELLO, name: "carol", issuer: "Gamma" },
      { secret: [...HELLO].reverse(), name: "dave", issuer: "Delta" },
      { secret: HELLO.slice(1), name: "old", issuer: "Old", digits: 3 },
    ]);
    const before = await storedText();
    const offer = await ask({ type: "add-uri", text, mode: "ask" });
    expect(offer).toEqual({ status: "migration", text, count: 2, skipped: 1 });
    expect(await storedText()).toBe(before); // nothing added before the member agrees
    expect(await ask({ type: "import", text })).toMatchObject({ added: 2, unusable: 1 });
    expect((await accounts()).map((a) => a.issuer)).toEqual(["Gamma", "Delta"]);
  });

  it("refuses while locked", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    await ask({ type: "lock" });
    expect(await ask({ type: "import", text: A })).toEqual({ status: "error", error: "locked" });
  });
});
