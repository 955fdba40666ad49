// Reads asked for in the same turn share one storage call per area, and each gets its own key's value; the
// worker answers from memory what it read before, until the value changes.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { readStored, removeStored, takeStored, writeStored } = await import(
  "../../../../extension/vault/stored-values"
);

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

describe("what the worker remembers", () => {
  it("answers a value read before from memory until it is written", async () => {
    await fakeBrowser.storage.local.set({ a: 1 });
    const localGet = vi.spyOn(fakeBrowser.storage.local, "get");
    expect(await readStored("local", "a")).toBe(1);
    expect(await readStored("local", "a")).toBe(1);
    expect(localGet).toHaveBeenCalledTimes(1);

    await writeStored("local", { a: 2 });
    expect(await readStored("local", "a")).toBe(2);
    await removeStored("local", "a");
    expect(await readStored("local", "a")).toBeUndefined();
    expect(localGet).toHaveBeenCalledTimes(3);
  });

  it("sees a change made elsewhere (storage.onChanged)", async () => {
    await fakeBrowser.storage.session.set({ d: "one" });
    expect(await readStored("session", "d")).toBe("one");
    await fakeBrowser.storage.session.set({ d: "two" });
    expect(await readStored("session", "d")).toBe("two");
  });

  it("does not remember an answer that was on its way while the value was written", async () => {
    await fakeBrowser.storage.local.set({ a: 1 });
    let answer: (values: Record<string, unknown>) => void = () => {};
    vi.spyOn(fakeBrowser.storage.local, "get").mockImplementationOnce(
      () => new Promise((resolve) => (answer = resolve)),
    );
    const early = readStored("local", "a");
    await Promise.resolve(); // the read has been sent
    await writeStored("local", { a: 2 });
    answer({ a: 1 }); // the browser answered before the write
    expect(await early).toBe(1);
    expect(await readStored("local", "a")).toBe(2);
  });

  it("gives each reader its own copy", async () => {
    await fakeBrowser.storage.local.set({ b: { c: 2 } });
    const first = (await readStored("local", "b")) as { c: number };
    first.c = 99;
    expect(await readStored("local", "b")).toEqual({ c: 2 });
  });

  it("forgets everything when its change listener was dropped (the browser's state was reset)", async () => {
    await fakeBrowser.storage.local.set({ a: 1 });
    expect(await readStored("local", "a")).toBe(1);
    fakeBrowser.reset();
    expect(await readStored("local", "a")).toBeUndefined();
  });
});

describe("takeStored (single-use records)", () => {
  it("of two racing takes, only the first finds the value, and it is gone from storage", async () => {
    await fakeBrowser.storage.session.set({ grant: { tabId: 1 } });
    const [first, second] = await Promise.all([
      takeStored("session", "grant"),
      takeStored("session", "grant"),
    ]);
    expect(first).toEqual({ tabId: 1 });
    expect(second).toBeUndefined();
    expect(await fakeBrowser.storage.session.get("grant")).toEqual({});
  });

  it("leaves a value it does not want in place", async () => {
    await fakeBrowser.storage.session.set({ preview: { id: "a" } });
    expect(await takeStored("session", "preview", (v) => (v as { id: string }).id === "b")).toBeUndefined();
    expect(await readStored("session", "preview")).toEqual({ id: "a" });
    expect(await takeStored("session", "preview", (v) => (v as { id: string }).id === "a")).toEqual({
      id: "a",
    });
    expect(await readStored("session", "preview")).toBeUndefined();
  });
});
