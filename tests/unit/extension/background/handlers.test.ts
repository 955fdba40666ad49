// The background's message boundary: only our own extension pages are answered, passwords shorter than 8 are
// refused, a wrong password changes nothing in storage.local, and every request while unlocked re-arms the
// auto-lock alarm with the configured idle time.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { OpenResponse } from "../../../../extension/messaging";
import { generateCode } from "../../../../shared/totp";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { handleRequest } = await import("../../../../extension/background/handlers");
const { AUTO_LOCK_ALARM } = await import("../../../../extension/vault/auto-lock");

const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL("/popup.html") };

beforeEach(() => {
  fakeBrowser.reset();
});

describe("background handlers", () => {
  it("refuses messages from content scripts and other extensions", async () => {
    await expect(
      handleRequest({ type: "open" }, { id: page.id, url: "https://evil.example/" }),
    ).rejects.toThrow();
    await expect(handleRequest({ type: "list" }, { id: "other-extension", url: page.url })).rejects.toThrow();
    await expect(handleRequest({ type: "open" }, page)).resolves.toMatchObject({ hasVault: false });
  });

  it("refuses a master password shorter than 8 characters", async () => {
    await expect(handleRequest({ type: "create", password: "short" }, page)).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it("arms auto-lock on use, with the configured minutes, and a wrong password leaves storage.local alone", async () => {
    await handleRequest({ type: "create", password: "correct horse battery" }, page);
    await handleRequest(
      {
        type: "set-settings",
        settings: { autoLockMinutes: 5, language: "ja", clipboardClearSeconds: 30, passkeyUnlockMinutes: 1 },
      },
      page,
    );
    const start = Date.now();
    await handleRequest({ type: "list" }, page);
    const alarm = await fakeBrowser.alarms.get(AUTO_LOCK_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(start + 5 * 60_000);
    expect(alarm?.scheduledTime).toBeLessThan(start + 6 * 60_000);

    await handleRequest({ type: "lock" }, page);
    expect(await handleRequest({ type: "list" }, page)).toEqual({ locked: true });
    const before = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(await handleRequest({ type: "unlock", password: "not the password" }, page)).toMatchObject({
      ok: false,
    });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toBe(before);
  });

  it("adds a pasted otpauth URI, reports a duplicate, and explains bad input without adding anything", async () => {
    await handleRequest({ type: "create", password: "correct horse battery" }, page);
    const uri = "otpauth://totp/KOSMO%20Web:taro?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=KOSMO%20Web";
    expect(await handleRequest({ type: "add-uri", text: uri, mode: "ask" }, page)).toMatchObject({
      status: "added",
    });
    expect(await handleRequest({ type: "add-uri", text: uri, mode: "ask" }, page)).toMatchObject({
      status: "duplicate",
    });
    expect(
      await handleRequest({ type: "add-uri", text: "https://phish.example/x", mode: "ask" }, page),
    ).toEqual({
      status: "error",
      error: "is-url",
      found: "phish.example",
    });
    const list = (await handleRequest({ type: "list" }, page)) as { accounts: unknown[] };
    expect(list.accounts).toHaveLength(1);
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toContain("JBSWY3DP");
    expect(stored).not.toContain("taro");
  });

  it("answers the popup's opening question in one message: status and, only while unlocked, the first accounts with their codes, passkeys and backup reminder", async () => {
    expect(await handleRequest({ type: "open" }, page)).toMatchObject({ hasVault: false, unlocked: false });
    await handleRequest({ type: "create", password: "correct horse battery" }, page);
    const uri = "otpauth://totp/KOSMO%20Web:taro?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=KOSMO%20Web";
    await handleRequest({ type: "add-uri", text: uri, mode: "ask" }, page);
    const open = (await handleRequest({ type: "open" }, page)) as OpenResponse;
    expect(open).toMatchObject({
      hasVault: true,
      unlocked: true,
      passkeys: { passkeys: [], sites: [] },
    });
    const [taro] = open.firstScreenful?.accounts ?? [];
    expect(taro?.label).toBe("taro");
    expect(open.firstScreenful?.total).toBe(1);
    // The worker's code for the current step (read from the answer: the test may cross a step boundary).
    const ready = open.firstScreenful?.codes[taro!.id];
    expect(ready?.step).toBeGreaterThanOrEqual(Math.floor(Date.now() / 30_000) - 1);
    expect(ready?.code).toBe(generateCode(taro!, ready!.step * 30_000));
    // The new account is not backed up: the opening answers the backup reminder, once (it is recorded as shown).
    expect(open).toMatchObject({ reminder: true });
    expect(await handleRequest({ type: "open" }, page)).toMatchObject({ reminder: false });
    await handleRequest({ type: "lock" }, page);
    const locked = (await handleRequest({ type: "open" }, page)) as OpenResponse;
    expect(locked.unlocked).toBe(false);
    expect(locked.firstScreenful).toBeUndefined();
    expect(locked.reminder).toBeUndefined();
    expect(locked).toMatchObject({ passkeys: { locked: true, sites: [] } });
  });

  it("resets only after the typed confirmation word", async () => {
    await handleRequest({ type: "create", password: "correct horse battery" }, page);
    expect(await handleRequest({ type: "reset", typed: "yes" }, page)).toEqual({ ok: false });
    expect(await handleRequest({ type: "open" }, page)).toMatchObject({ hasVault: true });
    expect(await handleRequest({ type: "reset", typed: "リセット" }, page)).toEqual({ ok: true });
    expect(await handleRequest({ type: "open" }, page)).toMatchObject({ hasVault: false, unlocked: false });
  });

  it("exports the encrypted envelope as stored, or the otpauth list, only while unlocked", async () => {
    await handleRequest({ type: "create", password: "correct horse battery" }, page);
    const uri = "otpauth://totp/KOSMO%20Web:taro?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=KOSMO%20Web";
    await handleRequest({ type: "add-uri", text: uri, mode: "ask" }, page);
    const encrypted = (await handleRequest({ type: "export", format: "encrypted" }, page)) as {
      text: string;
    };
    expect(JSON.parse(encrypted.text).envelope).toEqual((await fakeBrowser.storage.local.get("vault")).vault);
    expect(encrypted.text).not.toContain("JBSWY3DP");
    const plain = (await handleRequest(
      { type: "export", format: "otpauth", password: "correct horse battery" },
      page,
    )) as { text: string };
    expect(plain.text).toMatch(/^otpauth:\/\/totp\/.*secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP/);
    await handleRequest({ type: "lock" }, page);
    expect(
      await handleRequest({ type: "export", format: "otpauth", password: "correct horse battery" }, page),
    ).toEqual({ locked: true });
  });

  it("hands out the plain list only for the master password typed again, throttled like unlock", async () => {
    await handleRequest({ type: "create", password: "correct horse battery" }, page);
    const uri = "otpauth://totp/KOSMO%20Web:taro?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=KOSMO%20Web";
    await handleRequest({ type: "add-uri", text: uri, mode: "ask" }, page);
    const wrong = { type: "export", format: "otpauth", password: "not the password" } as const;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const refused = await handleRequest(wrong, page);
      expect(refused).toMatchObject({ ok: false, reason: "wrong-password", waitMs: attempt < 3 ? 0 : 2000 });
      expect(JSON.stringify(refused)).not.toContain("JBSWY3DP");
    }
    // The third failure sets a wait; during it even the right password is refused without a check.
    const right = { type: "export", format: "otpauth", password: "correct horse battery" } as const;
    expect(await handleRequest(right, page)).toMatchObject({ ok: false, reason: "throttled" });
    // The same counter as unlock: a wrong unlock now also waits.
    expect(await handleRequest({ type: "unlock", password: "correct horse battery" }, page)).toMatchObject({
      reason: "throttled",
    });
  });
});

describe("changes to the list answer with the new list (one decrypt; the page does not ask again)", () => {
  const SECRETS: Record<string, string> = { Alpha: "JBSWY3DPEHPK3PXP", Bravo: "KRSXG5CTMVRXEZLU" };
  const uri = (name: string, type = "totp") =>
    `otpauth://${type}/${name}?secret=${SECRETS[name]}&issuer=${name}${type === "hotp" ? "&counter=5" : ""}`;
  type Listed = { accounts: { id: string; issuer: string; counter?: number }[] };
  const ask = (request: import("../../../../extension/messaging").Request) =>
    handleRequest(request, page) as Promise<Listed & Record<string, unknown>>;

  it("edit, move, delete (naming what it removed, for undo), restore and hotp-next", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    await ask({ type: "add-uri", text: uri("Alpha"), mode: "ask" });
    const added = await ask({ type: "add-uri", text: uri("Bravo", "hotp"), mode: "ask" });
    expect(added.accounts.map((a) => a.issuer)).toEqual(["Alpha", "Bravo"]);
    const [alpha, bravo] = added.accounts;

    const edited = await ask({ type: "edit", id: alpha!.id, issuer: "Alpha Bank", label: "ann" });
    expect(edited.accounts.map((a) => a.issuer)).toEqual(["Alpha Bank", "Bravo"]);
    const moved = await ask({ type: "move", id: bravo!.id, offset: -1 });
    expect(moved.accounts.map((a) => a.issuer)).toEqual(["Bravo", "Alpha Bank"]);
    const next = await ask({ type: "hotp-next", id: bravo!.id });
    expect(next.accounts[0]?.counter).toBe(6);

    const deleted = await ask({ type: "delete", id: alpha!.id });
    expect(deleted.accounts.map((a) => a.issuer)).toEqual(["Bravo"]);
    expect(deleted.removed).toMatchObject({ index: 1, account: { id: alpha!.id, issuer: "Alpha Bank" } });
    const restored = await ask({
      type: "restore",
      ...(deleted.removed as { account: never; index: number }),
    });
    expect(restored.accounts.map((a) => a.issuer)).toEqual(["Bravo", "Alpha Bank"]);
    expect(restored.accounts).toEqual((await ask({ type: "list" })).accounts);
  });

  it("a change while locked writes nothing and says locked", async () => {
    await ask({ type: "create", password: "correct horse battery" });
    const { accounts } = await ask({ type: "add-uri", text: uri("Alpha"), mode: "ask" });
    await ask({ type: "lock" });
    const before = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(await ask({ type: "delete", id: accounts[0]!.id })).toEqual({ locked: true });
    expect(await ask({ type: "move", id: accounts[0]!.id, offset: 1 })).toEqual({ locked: true });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toBe(before);
  });

  it("measures a page's clock (a HEAD request from the tab) only while unlocked", async () => {
    const probe = vi.spyOn(fakeBrowser.scripting, "executeScript").mockResolvedValue([]);
    const measure = { type: "measure-clock", tabId: 7, origin: "https://kosmo.example" } as const;
    await handleRequest(measure, page); // no vault yet
    await handleRequest({ type: "create", password: "correct horse battery" }, page);
    await handleRequest({ type: "lock" }, page);
    expect(await handleRequest(measure, page)).toEqual({});
    expect(probe).not.toHaveBeenCalled();
    await handleRequest({ type: "unlock", password: "correct horse battery" }, page);
    await handleRequest(measure, page);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(probe.mock.calls[0]?.[0]).toMatchObject({ target: { tabId: 7 } });
  });
});
