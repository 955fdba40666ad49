import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure rules and modules, no browser) and `e2e` (the portal and the extension
// driven together in headless Chromium). `npm test` runs them one after the other.
export default defineConfig({
  test: {
    globalSetup: ["scripts/wxt-types.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
          // Argon2id (vault, passwords) on two shared cores: 5 s is too tight when the machine is busy.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two cores: files run one at a time so that Chromium and Argon2 do not starve each other.
          fileParallelism: false,
        },
      },
    ],
  },
});
