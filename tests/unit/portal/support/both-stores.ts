// For a test that runs the same storage code on SQLite and on PostgreSQL in one file: the local test deps
// (SQLite, or the TEST_STORE) and, when a PostgreSQL server listens, a migrated throwaway schema beside them
// (null otherwise: those tests skip). Made before the calling scope's tests, dropped after them.
import { afterAll, beforeAll } from "vitest";
import { type ThrowawaySchema, throwawaySchema } from "./postgres";
import { createTestDeps, type TestDeps } from "./test-deps";

export interface BothStores {
  local: TestDeps;
  pg: ThrowawaySchema | null;
}

export function bothStores(): BothStores {
  // Filled by beforeAll: the tests read it only once it has run.
  const stores = { pg: null } as BothStores;
  beforeAll(async () => {
    stores.local = await createTestDeps();
    stores.pg = await throwawaySchema(stores.local.config.dataDir);
  });
  afterAll(async () => {
    await stores.pg?.drop();
    await stores.local?.cleanup();
  });
  return stores;
}
