// The top page reads notices at most every NOTICE_CACHE_MS: a notice added in this process shows at once, one
// written by another process (the CLI, another instance) shows once that time has passed.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addNotice, NOTICE_CACHE_MS, noticesForTopPage } from "../../../../portal/db/notices";
import { createTestDeps, type TestDeps } from "../support/test-deps";

let deps: TestDeps;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["performance"] });
  deps = await createTestDeps();
});

afterEach(async () => {
  vi.useRealTimers();
  await deps.cleanup();
});

const bodies = async () => (await noticesForTopPage(deps.db)).map((n) => n.body);

/** What `npm run members -- notice add` in another process does: a row this process was not told about. */
const insertElsewhere = (body: string, at: number) =>
  deps.db.insertInto("notices").values({ id: randomUUID(), body, created_at: at }).execute();

describe("noticesForTopPage", () => {
  it("shows a notice added through addNotice at once", async () => {
    expect(await bodies()).toEqual([]);
    await addNotice(deps.db, "健康診断のお知らせ", 1_000);
    expect(await bodies()).toEqual(["健康診断のお知らせ"]);
  });

  it("shows another process's notice within NOTICE_CACHE_MS, newest first", async () => {
    await addNotice(deps.db, "first", 1_000);
    expect(await bodies()).toEqual(["first"]);
    await insertElsewhere("second", 2_000);
    vi.advanceTimersByTime(NOTICE_CACHE_MS - 1);
    expect(await bodies()).toEqual(["first"]);
    vi.advanceTimersByTime(1);
    expect(await bodies()).toEqual(["second", "first"]);
  });

  it("keeps the cache per database", async () => {
    const other = await createTestDeps();
    try {
      await addNotice(deps.db, "here", 1_000);
      expect(await bodies()).toEqual(["here"]);
      expect(await noticesForTopPage(other.db)).toEqual([]);
    } finally {
      await other.cleanup();
    }
  });
});

describe("noticesForTopPage and a concurrent addNotice", () => {
  it("does not keep a read that overlapped the write", async () => {
    await insertElsewhere("old", 1_000);
    // The page's read returns its rows only after addNotice has finished.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const executeQuery = deps.db.executeQuery.bind(deps.db);
    vi.spyOn(deps.db, "executeQuery").mockImplementationOnce((async (query: never) => {
      const result = await executeQuery(query);
      await gate;
      return result;
    }) as never);
    const reading = noticesForTopPage(deps.db);
    await addNotice(deps.db, "new", 2_000);
    release();
    expect((await reading).map((n) => n.body)).toEqual(["old"]);
    expect(await bodies()).toEqual(["new", "old"]);
  });
});
