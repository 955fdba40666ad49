import { defineConfig } from "vitest/config";

// `unit` (pure rules and modules, no browser) and `e2e` (the portal and the extension driven together in
// headless Chromium), on SQLite; `unit-pg` and `e2e-pg` run the portal's files again with TEST_STORE=postgres
// (a throwaway PostgreSQL schema each: tests/unit/portal/support/postgres.ts). `npm test` runs them one after
// the other (scripts/test.ts; scripts/postgres.ts finds or starts the server).

/** Real portal processes on one PostgreSQL database (races between instances, a database restart): e2e-pg only. */
const POSTGRES_ONLY = "tests/e2e/postgres/**/*.test.ts";

/** The end-to-end files that drive the portal (the extension-only ones stay SQLite-only: CI time). */
const PORTAL_E2E = [
  "tests/e2e/first-login.test.ts",
  "tests/e2e/mail-otp.test.ts",
  "tests/e2e/passkey.test.ts",
  "tests/e2e/security-page.test.ts",
  "tests/e2e/totp.test.ts",
  "tests/e2e/portal-ops/**/*.test.ts",
];

const e2eOptions = {
  environment: "node",
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // Two cores: files run one at a time so that Chromium and Argon2 do not starve each other.
  fileParallelism: false,
} as const;

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
          name: "unit-pg",
          include: ["tests/unit/portal/**/*.test.{ts,tsx}"],
          // Files that never open the portal's store would only run twice for nothing.
          exclude: ["tests/unit/portal/{i18n,views}/**", "tests/unit/portal/{config,form}.test.ts"],
          environment: "node",
          testTimeout: 20_000,
          env: { TEST_STORE: "postgres" },
        },
      },
      {
        extends: true,
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], exclude: [POSTGRES_ONLY], ...e2eOptions },
      },
      {
        extends: true,
        test: {
          name: "e2e-pg",
          include: [...PORTAL_E2E, POSTGRES_ONLY],
          ...e2eOptions,
          env: { TEST_STORE: "postgres" },
        },
      },
    ],
  },
});
