// A portal, a browser or another closable thing that the tests of the calling scope (a file, or a describe)
// share: started before the first test, closed after the last.
import { afterAll, beforeAll } from "vitest";

/**
 * What `start` gives, shared: reading a property of the result reads it on the started thing, which exists
 * only once beforeAll has run (inside tests and hooks, not while they are collected).
 */
export function shared<T extends { close(): Promise<void> }>(start: () => Promise<T>): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as T, {
    get(_, key) {
      if (!started) throw new Error(`shared: read .${String(key)} before beforeAll started it`);
      return Reflect.get(started, key);
    },
  });
}
