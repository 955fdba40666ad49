// Passkeys in the vault (fake browser storage, real envelope): stored encrypted beside the accounts, replaced
// for the same site and user, renamed, used, deleted; a malformed entry in the decrypted data is refused.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { testPasskey } from "../../support/test-passkey";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { createVault, readVault, updateVault } = await import("../../../../extension/vault/vault-store");
const { newAccount, parseVaultData } = await import("../../../../extension/accounts/account");
const store = await import("../../../../extension/passkeys/passkey-store");

async function newPasskey(userId: string, rpId = "localhost") {
  return testPasskey(userId, rpId);
}

beforeEach(async () => {
  fakeBrowser.reset();
  await createVault("correct horse battery");
  await updateVault(() => ({
    data: {
      accounts: [
        newAccount(
          {
            type: "totp",
            issuer: "KOSMO",
            label: "k",
            secret: "JBSWY3DPEHPK3PXP",
            algorithm: "SHA1",
            digits: 6,
            period: 30,
          },
          undefined,
        ),
      ],
    },
    result: 0,
  }));
});

describe("passkey store", () => {
  it("keeps passkeys encrypted beside the accounts", async () => {
    const passkey = await newPasskey("member-1");
    await store.storePasskey(passkey);
    const vault = await readVault();
    expect(vault?.accounts).toHaveLength(1);
    expect(vault?.passkeys).toEqual([passkey]);
    const disk = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(disk).not.toContain(passkey.privateKey.d);
    expect(disk).not.toContain(passkey.id);
    expect(disk).not.toContain("member-1");
  });

  it("replaces the passkey of the same site and user, keeps others", async () => {
    const first = await newPasskey("member-1");
    const other = await newPasskey("member-2");
    const elsewhere = await newPasskey("member-1", "example.jp");
    await store.storePasskey(first);
    await store.storePasskey(other);
    await store.storePasskey(elsewhere);
    const again = await newPasskey("member-1");
    const all = await store.storePasskey(again);
    expect(all.map((p) => p.id).sort()).toEqual([other.id, elsewhere.id, again.id].sort());
  });

  it("renames, records a use and deletes; the accounts are left as they were", async () => {
    const passkey = await newPasskey("member-1");
    await store.storePasskey(passkey);
    await store.renamePasskey(passkey.id, "  仕事用  ");
    await store.recordPasskeyUse(passkey.id, 1_800_000_000, 1_700_000_000_000);
    expect(await store.readPasskeys()).toEqual([
      { ...passkey, label: "仕事用", signCount: 1_800_000_000, lastUsedAt: 1_700_000_000_000 },
    ]);
    await store.deletePasskey(passkey.id);
    expect(await store.readPasskeys()).toEqual([]);
    expect((await readVault())?.accounts).toHaveLength(1);
  });

  it("refuses a vault whose decrypted passkey entry was altered", async () => {
    const passkey = await newPasskey("member-1");
    const good = { accounts: [], passkeys: [passkey] };
    expect(parseVaultData(JSON.parse(JSON.stringify(good))).passkeys).toEqual([passkey]);
    const altered = [
      { ...passkey, privateKey: { ...passkey.privateKey, d: "AAAA" } },
      { ...passkey, id: "short" },
      { ...passkey, rpId: "" },
      { ...passkey, signCount: -1 },
      { ...passkey, signCount: 2 ** 32 },
      { ...passkey, userHandle: "not base64url!" },
      { ...passkey, createdAt: "yesterday" },
      { ...passkey, privateKey: undefined },
    ];
    for (const entry of altered) {
      expect(() => parseVaultData({ accounts: [], passkeys: [entry] })).toThrow();
    }
    expect(() => parseVaultData({ accounts: [], passkeys: {} })).toThrow();
  });

  it("answers null while locked", async () => {
    await fakeBrowser.storage.session.clear();
    expect(await store.readPasskeys()).toBeNull();
  });
});
