// The vault against the fake browser: round trip, nothing in plaintext, tamper detection, wrong password
// leaves storage.local byte-identical and is throttled, change of master password in one write, reset.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { Envelope } from "../../../../extension/vault/envelope";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const {
  createVault,
  unlockVault,
  readVault,
  updateVault,
  lockVault,
  changeMasterPassword,
  resetVault,
  hasVault,
} = await import("../../../../extension/vault/vault-store");
const { newAccount } = await import("../../../../extension/accounts/account");

const PASSWORD = "correct horse battery";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const LABEL = "taro.yamada@example.jp";

async function localSnapshot(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

async function addSample() {
  const account = newAccount(
    {
      type: "totp",
      issuer: "KOSMO Web",
      label: LABEL,
      secret: SECRET,
      algorithm: "SHA1",
      digits: 6,
      period: 30,
    },
    "https://portal.example",
  );
  await updateVault((data) => ({ data: { accounts: [...data.accounts, account] }, result: undefined }));
  return account;
}

async function storedEnvelope(): Promise<Envelope> {
  return structuredClone((await fakeBrowser.storage.local.get("vault")).vault as Envelope);
}

/** The envelope with one bit of its ciphertext changed: AES-GCM must refuse it. */
function withOneBitFlipped(envelope: Envelope): Envelope {
  const bytes = Uint8Array.from(atob(envelope.cipher.data), (c) => c.charCodeAt(0));
  bytes[5] = (bytes[5] ?? 0) ^ 1;
  return { ...envelope, cipher: { ...envelope.cipher, data: btoa(String.fromCharCode(...bytes)) } };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe("vault store", () => {
  it("creates an empty vault, round-trips an account, and stores no secret, label or origin in plaintext", async () => {
    await createVault(PASSWORD);
    expect(await readVault()).toEqual({ accounts: [] });
    const account = await addSample();
    const stored = await localSnapshot();
    for (const plaintext of [SECRET, LABEL, "KOSMO", "portal.example", PASSWORD])
      expect(stored).not.toContain(plaintext);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(SECRET);

    await lockVault();
    expect(await readVault()).toBeNull();
    expect(await unlockVault(PASSWORD)).toEqual({ ok: true });
    expect((await readVault())?.accounts).toEqual([account]);
  });

  it("stores the KDF parameters (Argon2id ≥ 64 MiB, t ≥ 3, p = 1, 16-byte salt) and a fresh IV per write", async () => {
    await createVault(PASSWORD);
    const first = await storedEnvelope();
    await addSample();
    const second = await storedEnvelope();
    expect(first.kdf).toMatchObject({
      algorithm: "argon2id",
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 1,
    });
    expect(atob(first.kdf.salt)).toHaveLength(16);
    expect(atob(first.cipher.iv)).toHaveLength(12);
    expect(second.cipher.iv).not.toBe(first.cipher.iv);
    expect(second.kdf.salt).toBe(first.kdf.salt);
  });

  it("detects tampering with the ciphertext or with the KDF parameters", async () => {
    await createVault(PASSWORD);
    await addSample();
    const envelope = await storedEnvelope();
    await lockVault();

    await fakeBrowser.storage.local.set({ vault: withOneBitFlipped(envelope) });
    expect(await unlockVault(PASSWORD)).toMatchObject({ ok: false, reason: "wrong-password" });

    // Raising the iterations changes the derived key and the authenticated data: refused, not silently accepted.
    await fakeBrowser.storage.local.set({ vault: { ...envelope, kdf: { ...envelope.kdf, iterations: 4 } } });
    expect(await unlockVault(PASSWORD)).toMatchObject({ ok: false });

    // Out-of-bounds parameters are rejected before any derivation.
    await fakeBrowser.storage.local.set({ vault: { ...envelope, kdf: { ...envelope.kdf, memoryKiB: 8 } } });
    await expect(unlockVault(PASSWORD)).rejects.toThrow();
    await fakeBrowser.storage.local.set({ vault: { ...envelope, version: 2 } });
    await expect(unlockVault(PASSWORD)).rejects.toThrow();
  });

  it("decrypts each stored envelope once while unlocked, and still refuses one changed in storage", async () => {
    await createVault(PASSWORD);
    const account = await addSample();
    const envelope = await storedEnvelope();
    const decrypt = vi.spyOn(crypto.subtle, "decrypt");
    try {
      // The write left its plaintext in the worker's memory: reading the same envelope again decrypts nothing.
      expect((await readVault())?.accounts).toEqual([account]);
      expect((await readVault())?.accounts).toEqual([account]);
      expect(decrypt).not.toHaveBeenCalled();

      await fakeBrowser.storage.local.set({ vault: withOneBitFlipped(envelope) });
      await expect(readVault()).rejects.toThrow();
      await fakeBrowser.storage.local.set({
        vault: { ...envelope, kdf: { ...envelope.kdf, iterations: 4 } },
      });
      await expect(readVault()).rejects.toThrow();
      expect(decrypt).toHaveBeenCalledTimes(2);

      await fakeBrowser.storage.local.set({ vault: envelope });
      await lockVault();
      expect(await readVault()).toBeNull();
      expect(await unlockVault(PASSWORD)).toEqual({ ok: true });
      expect((await readVault())?.accounts).toEqual([account]);
      expect(decrypt).toHaveBeenCalledTimes(4); // the unlock's check, then the first read after it
    } finally {
      decrypt.mockRestore();
    }
  });

  it("leaves storage.local byte-identical on a wrong password and slows repeated failures", async () => {
    await createVault(PASSWORD);
    await addSample();
    await lockVault();
    const before = await localSnapshot();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await unlockVault(`wrong password ${i}`));
    expect(await localSnapshot()).toBe(before);
    expect(results.map((r) => r.ok)).toEqual([false, false, false]);
    expect(results[0]).toMatchObject({ reason: "wrong-password", waitMs: 0 });
    expect((results[2] as { waitMs: number }).waitMs).toBeGreaterThan(0);
    // While throttled even the right password is not tried.
    expect(await unlockVault(PASSWORD)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await readVault()).toBeNull();
    expect(await localSnapshot()).toBe(before);
  });

  it("changes the master password in one atomic write with a new salt", async () => {
    await createVault(PASSWORD);
    const account = await addSample();
    const salt = (await storedEnvelope()).kdf.salt;
    const setSpy = vi.spyOn(fakeBrowser.storage.local, "set");
    expect(await changeMasterPassword("not it at all", "new password 123")).toMatchObject({ ok: false });
    expect(setSpy).not.toHaveBeenCalled();
    expect(await changeMasterPassword(PASSWORD, "new password 123")).toEqual({ ok: true });
    expect(setSpy).toHaveBeenCalledTimes(1);
    setSpy.mockRestore();
    expect((await storedEnvelope()).kdf.salt).not.toBe(salt);

    await lockVault();
    expect(await unlockVault(PASSWORD)).toMatchObject({ ok: false });
    await fakeBrowser.storage.session.remove("unlockThrottle");
    expect(await unlockVault("new password 123")).toEqual({ ok: true });
    expect((await readVault())?.accounts).toEqual([account]);
  });

  it("resets: the vault and the session key are gone", async () => {
    await createVault(PASSWORD);
    await addSample();
    await resetVault();
    expect(await hasVault()).toBe(false);
    expect(await readVault()).toBeNull();
    expect(await localSnapshot()).toBe("{}");
  });

  it("refuses to create a second vault over an existing one", async () => {
    await createVault(PASSWORD);
    await expect(createVault("another password")).rejects.toThrow();
  });
});
