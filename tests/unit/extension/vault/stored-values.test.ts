// Reads asked for in the same turn share one storage call per area, and each gets its own key's value.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { readStored } = await import("../../../../extension/vault/stored-values");

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe("readStored", () => {
  it("reads the keys asked for in one turn with one call per area", async () => {
    await fakeBrowser.storage.local.set({ a: 1, b: { c: 2 } });
    await fakeBrowser.storage.session.set({ d: "three" });
    const localGet = vi.spyOn(fakeBrowser.storage.local, "get");
    const sessionGet = vi.spyOn(fakeBrowser.storage.session, "get");

    const values = await Promise.all([
      readStored("local", "a"),
      readStored("session", "d"),
      readStored("local", "b"),
      readStored("local", "missing"),
    ]);

    expect(values).toEqual([1, "three", { c: 2 }, undefined]);
    expect(localGet).toHaveBeenCalledTimes(1);
    expect(localGet).toHaveBeenCalledWith(["a", "b", "missing"]);
    expect(sessionGet).toHaveBeenCalledTimes(1);
  });

  it("reads again in a later turn, and sees what was written in between", async () => {
    await fakeBrowser.storage.local.set({ a: 1 });
    const localGet = vi.spyOn(fakeBrowser.storage.local, "get");
    expect(await readStored("local", "a")).toBe(1);
    await fakeBrowser.storage.local.set({ a: 2 });
    expect(await readStored("local", "a")).toBe(2);
    expect(localGet).toHaveBeenCalledTimes(2);
  });
});
