// The recovery sheet's door: only while unlocked and after the master password is typed again does the
// background open the sheet's tab, and only that tab, at the sheet's own address, gets the accounts, once and
// within a minute (any other request uses the grant up). Nothing about it goes to storage.local; a wrong password opens nothing.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { SheetDelivery } from "../../../../extension/messaging";
import { testPasskey } from "../../support/test-passkey";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { handleRequest } = await import("../../../../extension/background/handlers");

const PASSWORD = "correct horse battery";
const settingsPage = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL("/options.html") };
const sheetUrl = fakeBrowser.runtime.getURL("/recovery-sheet.html");
const uri = "otpauth://totp/KOSMO%20Web:taro?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=KOSMO%20Web";

async function sheetTabs() {
  return (await fakeBrowser.tabs.query({})).filter((tab) => tab.url === sheetUrl);
}

beforeEach(async () => {
  fakeBrowser.reset();
  await handleRequest({ type: "create", password: PASSWORD }, settingsPage);
  await handleRequest({ type: "add-uri", text: uri, mode: "ask" }, settingsPage);
});

describe("recovery sheet", () => {
  it("a wrong master password opens nothing and hands out nothing", async () => {
    const before = JSON.stringify(await fakeBrowser.storage.local.get("vault"));
    expect(
      await handleRequest({ type: "open-recovery-sheet", password: "not the password" }, settingsPage),
    ).toMatchObject({ ok: false, reason: "wrong-password" });
    expect(await sheetTabs()).toHaveLength(0);
    const tab = await fakeBrowser.tabs.create({ url: sheetUrl });
    expect(await handleRequest({ type: "recovery-sheet" }, { ...settingsPage, url: sheetUrl, tab })).toEqual({
      expired: true,
    });
    expect(JSON.stringify(await fakeBrowser.storage.local.get("vault"))).toBe(before);
  });

  it("is refused while locked, even with the right password", async () => {
    await handleRequest({ type: "lock" }, settingsPage);
    expect(await handleRequest({ type: "open-recovery-sheet", password: PASSWORD }, settingsPage)).toEqual({
      ok: false,
      reason: "locked",
    });
    expect(await sheetTabs()).toHaveLength(0);
  });

  it("gives the accounts once to the tab it opened, at the sheet's address only, and never via storage.local", async () => {
    expect(await handleRequest({ type: "open-recovery-sheet", password: PASSWORD }, settingsPage)).toEqual({
      ok: true,
    });
    const [tab] = await sheetTabs();
    expect(tab?.url).toBe(sheetUrl); // no query, no fragment: nothing in the URL
    const other = await fakeBrowser.tabs.create({ url: sheetUrl });
    const fromSheet = { ...settingsPage, url: sheetUrl, tab };
    expect(await handleRequest({ type: "recovery-sheet" }, { ...fromSheet, tab: other })).toEqual({
      expired: true,
    });

    await handleRequest({ type: "open-recovery-sheet", password: PASSWORD }, settingsPage);
    const [, , granted] = await sheetTabs();
    const wrongPage = { ...settingsPage, tab: granted };
    expect(await handleRequest({ type: "recovery-sheet" }, wrongPage)).toEqual({ expired: true });

    await handleRequest({ type: "open-recovery-sheet", password: PASSWORD }, settingsPage);
    const last = (await sheetTabs()).at(-1);
    const delivered = (await handleRequest({ type: "recovery-sheet" }, { ...fromSheet, tab: last })) as {
      accounts: { label: string; secret: string }[];
    };
    expect(delivered.accounts.map((a) => [a.label, a.secret])).toEqual([
      ["taro", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"],
    ]);
    expect(await handleRequest({ type: "recovery-sheet" }, { ...fromSheet, tab: last })).toEqual({
      expired: true,
    });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain("JBSWY3DP");
  }, 60_000); // three Argon2id password checks

  it("of requests racing from the granted tab (two loads of the sheet), exactly one gets the accounts", async () => {
    await handleRequest({ type: "open-recovery-sheet", password: PASSWORD }, settingsPage);
    const [tab] = await sheetTabs();
    const fromSheet = { ...settingsPage, url: sheetUrl, tab };
    const answers = (await Promise.all(
      Array.from({ length: 8 }, () => handleRequest({ type: "recovery-sheet" }, fromSheet)),
    )) as SheetDelivery[];
    expect(answers.filter((answer) => "accounts" in answer)).toHaveLength(1);
    expect(answers.filter((answer) => "expired" in answer)).toHaveLength(7);
  });

  it("the grant expires after a minute", async () => {
    await handleRequest({ type: "open-recovery-sheet", password: PASSWORD }, settingsPage);
    const [tab] = await sheetTabs();
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    try {
      expect(
        await handleRequest({ type: "recovery-sheet" }, { ...settingsPage, url: sheetUrl, tab }),
      ).toEqual({
        expired: true,
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it("a printed sheet counts as a backup: the reminder after the add is not shown", async () => {
    await handleRequest({ type: "recovery-sheet-printed" }, { ...settingsPage, url: sheetUrl });
    expect(await handleRequest({ type: "backup-reminder" }, settingsPage)).toBe(false);
  });

  it("the reminder after an add is shown once, and never while locked", async () => {
    await handleRequest({ type: "lock" }, settingsPage);
    expect(await handleRequest({ type: "backup-reminder" }, settingsPage)).toBe(false);
    await handleRequest({ type: "unlock", password: PASSWORD }, settingsPage);
    expect(await handleRequest({ type: "backup-reminder" }, settingsPage)).toBe(true);
    expect(await handleRequest({ type: "backup-reminder" }, settingsPage)).toBe(false);
  });

  it("names the vault's passkeys by site and user, never their keys", async () => {
    const { storePasskey } = await import("../../../../extension/passkeys/passkey-store");
    const passkey = await testPasskey("K1234567");
    await storePasskey(passkey);
    await handleRequest({ type: "open-recovery-sheet", password: PASSWORD }, settingsPage);
    const [tab] = await sheetTabs();
    const delivered = await handleRequest(
      { type: "recovery-sheet" },
      { ...settingsPage, url: sheetUrl, tab },
    );
    expect(delivered).toMatchObject({ passkeys: [{ rpId: "localhost", userName: "K1234567" }] });
    expect(JSON.stringify(delivered)).not.toContain(passkey.privateKey.d);
    expect(JSON.stringify(delivered)).not.toContain(passkey.id);
  }, 60_000);
});
