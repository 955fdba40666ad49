// Import through the background's message boundary, in two steps: "import-preview" reads a file and writes
// nothing; "import-confirm" writes exactly what the preview showed in one vault write, once. Our own encrypted
// backup needs the password it was made with; a wrong password, a refused file, an expired or reused preview
// and a vault changed since the preview change nothing. The popup's Google export is added by "import".
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { aegisEncrypted, KEY_A, KEY_B } from "../../support/import-fixtures";
import { migrationUri } from "../../support/migration-export";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { handleRequest } = await import("../../../../extension/background/handlers");
type Request = import("../../../../extension/messaging").Request;

const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL("/options.html") };
const ask = (request: Request) => handleRequest(request, page) as Promise<Record<string, unknown>>;
const storedText = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));
const accounts = async () =>
  ((await ask({ type: "list" })) as { accounts: { issuer: string; secret: string; origin?: string }[] })
    .accounts;
const fileOf = (text: string) => Buffer.from(text).toString("base64");
const preview = (text: string, password?: string) =>
  ask({ type: "import-preview", file: fileOf(text), password });

const A = `otpauth://totp/Alpha:ann?secret=${KEY_A}&issuer=Alpha`;
const B = `otpauth://totp/Beta:bob?secret=${KEY_B}&issuer=Beta`;
const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];

beforeEach(() => {
  fakeBrowser.reset();
});

// Each test creates a vault (Argon2id, 64 MiB) and some derive again: seconds on a shared two-core machine.
describe("import preview and confirmation", { timeout: 60_000 }, () => {
  it("previews added, skipped and unreadable lines without writing, then 取り込む writes them once", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    await ask({ type: "add-uri", text: A, mode: "ask" });
    const before = await storedText();
    const shown = await preview(`${A}\n${B}\nWIFI:S:home;;\n${B}\n`);
    expect(shown).toMatchObject({
      status: "preview",
      format: "otpauth",
      encrypted: false,
      added: [{ at: 2, byLine: true, issuer: "Beta", label: "bob", type: "totp" }],
      replaced: [],
      skipped: [
        { at: 1, reason: "duplicate-in-vault", issuer: "Alpha" },
        { at: 3, reason: "unreadable", found: "WIFI:" },
        { at: 4, reason: "duplicate-in-file" },
      ],
    });
    expect(JSON.stringify(shown)).not.toContain(KEY_B); // the preview never carries a key
    expect(await storedText()).toBe(before);

    const done = await ask({ type: "import-confirm", id: shown.id as string });
    expect(done).toEqual({ status: "imported", added: 1, replaced: 0, skipped: 3 });
    expect((await accounts()).map((a) => a.issuer)).toEqual(["Alpha", "Beta"]);
    expect(await storedText()).not.toContain(KEY_B);
    const after = await storedText();
    expect(await ask({ type: "import-confirm", id: shown.id as string })).toEqual({
      status: "refused",
      reason: "expired",
    });
    expect(await storedText()).toBe(after);
  });

  it("lets one of two racing confirmations of the same preview write, and the other say it expired", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    const shown = await preview(`${A}\n${B}\n`);
    const answers = await Promise.all([
      ask({ type: "import-confirm", id: shown.id as string }),
      ask({ type: "import-confirm", id: shown.id as string }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual(["imported", "refused"]);
    expect(answers.find((a) => a.status === "refused")).toEqual({ status: "refused", reason: "expired" });
    expect((await accounts()).map((a) => a.issuer)).toEqual(["Alpha", "Beta"]);
  });

  it("refuses a confirmation when the vault changed so that other accounts would be added, even in equal numbers", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    await ask({ type: "add-uri", text: B, mode: "ask" });
    const shown = await preview(`${A}\n${B}\n`); // adds Alpha, skips Beta
    const [beta] = await accounts();
    await ask({ type: "delete", id: (beta as unknown as { id: string }).id });
    await ask({ type: "add-uri", text: A, mode: "ask" }); // now it would add Beta and skip Alpha
    const before = await storedText();
    expect(await ask({ type: "import-confirm", id: shown.id as string })).toEqual({
      status: "refused",
      reason: "changed",
    });
    expect(await storedText()).toBe(before);
  });

  it("imports an encrypted Aegis file after its password, and refuses a confirmation once the vault changed", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    const file = aegisEncrypted([{ name: "ann", issuer: "Alpha", secret: KEY_A }], "aegis-pw");
    expect(await preview(file)).toEqual({ status: "needs-password", format: "aegis" });
    expect(await preview(file, "nope")).toEqual({ status: "wrong-password", format: "aegis" });
    const shown = await preview(file, "aegis-pw");
    expect(shown).toMatchObject({
      status: "preview",
      format: "aegis",
      encrypted: true,
      added: [{ issuer: "Alpha" }],
    });
    await ask({ type: "add-uri", text: A, mode: "ask" }); // the same account, added meanwhile
    const before = await storedText();
    expect(await ask({ type: "import-confirm", id: shown.id as string })).toEqual({
      status: "refused",
      reason: "changed",
    });
    expect(await storedText()).toBe(before);
  });

  it("opens our encrypted backup only with its password, keeps bound sites, and replaces a re-enrolled namesake", async () => {
    await ask({ type: "create", password: "old master password" });
    await ask({ type: "add-uri", text: A, mode: "ask" });
    const [alpha] = (await ask({ type: "list" })).accounts as { id: string }[];
    await ask({ type: "set-origin", id: alpha!.id, origin: "https://alpha.example" });
    const backup = ((await ask({ type: "export", format: "encrypted" })) as { text: string }).text;

    await ask({ type: "reset", typed: "RESET" });
    await ask({ type: "create", password: "new master password" });
    await ask({
      type: "add-uri",
      text: `otpauth://totp/Alpha:ann?secret=MFRGGZDFMZTWQ2LK&issuer=Alpha`,
      mode: "ask",
    });
    await ask({ type: "add-uri", text: B, mode: "ask" });
    expect(await preview(backup)).toEqual({ status: "needs-password", format: "kosmo" });
    const before = await storedText();
    expect(await preview(backup, "new master password")).toEqual({
      status: "wrong-password",
      format: "kosmo",
    });
    expect(await preview('{"format":"kosmo-authenticator-vault"}')).toEqual({
      status: "refused",
      reason: "damaged",
    });
    expect(await storedText()).toBe(before);

    const shown = await preview(backup, "old master password");
    expect(shown).toMatchObject({ added: [], replaced: [{ issuer: "Alpha", label: "ann" }], skipped: [] });
    expect(await ask({ type: "import-confirm", id: shown.id as string })).toMatchObject({ replaced: 1 });
    expect((await accounts()).map((a) => [a.issuer, a.secret, a.origin])).toEqual([
      ["Alpha", KEY_A, "https://alpha.example"],
      ["Beta", KEY_B, undefined],
    ]);
  });

  it("refuses a file it cannot read, saying why, and writes nothing", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    const before = await storedText();
    expect(await preview("just some notes\n")).toEqual({ status: "refused", reason: "unknown-format" });
    expect(await preview('{"version":1,"header":{"slots":null},"db":{"version":1,"entr')).toEqual({
      status: "refused",
      reason: "damaged",
    });
    expect(await preview("\n# nothing\n")).toEqual({ status: "refused", reason: "empty" });
    const lines = Array.from({ length: 1001 }, (_, i) => `otpauth://totp/x${i}?secret=${KEY_A}`).join("\n");
    expect(await preview(lines)).toEqual({ status: "refused", reason: "too-many-accounts", limit: 1000 });
    expect(await ask({ type: "import-preview", file: "A".repeat(3_000_000) })).toEqual({
      status: "refused",
      reason: "too-large",
    });
    expect(await storedText()).toBe(before);
  });

  it("adds a Google Authenticator export offered in the popup with its count, in one import", async () => {
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
    expect(await ask({ type: "import", text })).toEqual({
      status: "imported",
      added: 2,
      replaced: 0,
      skipped: 1,
    });
    expect((await accounts()).map((a) => a.issuer)).toEqual(["Gamma", "Delta"]);
  });

  it("refuses while locked, and forgets a preview when the vault is locked", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    const shown = await preview(A);
    await ask({ type: "lock" });
    expect(await preview(A)).toEqual({ status: "refused", reason: "locked" });
    await ask({ type: "unlock", password: "correct horse battery" });
    expect(await ask({ type: "import-confirm", id: shown.id as string })).toEqual({
      status: "refused",
      reason: "expired",
    });
  });
});
