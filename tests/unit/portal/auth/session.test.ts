import { describe, expect, it } from "vitest";
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  isAlive,
  REMEMBER_TIMEOUT_MS,
} from "../../../../portal/auth/session";
import type { SessionRow } from "../../../../portal/db/schema";

const start = 1_000_000;
const row = (remember: boolean): SessionRow => ({
  id: "x",
  member_id: "m",
  level: "password",
  created_at: start,
  last_seen_at: start,
  expires_at: start + (remember ? REMEMBER_TIMEOUT_MS : ABSOLUTE_TIMEOUT_MS),
  remember: remember ? 1 : 0,
  user_agent: null,
  ip: null,
});

describe("session limits", () => {
  it("ends an ordinary session after 30 idle minutes", () => {
    expect(isAlive(row(false), start + IDLE_TIMEOUT_MS - 1)).toBe(true);
    expect(isAlive(row(false), start + IDLE_TIMEOUT_MS)).toBe(false);
  });

  it("ends an ordinary session 12 hours after sign-in however active", () => {
    const active = { ...row(false), last_seen_at: start + ABSOLUTE_TIMEOUT_MS - 1000 };
    expect(isAlive(active, start + ABSOLUTE_TIMEOUT_MS - 1)).toBe(true);
    expect(isAlive(active, start + ABSOLUTE_TIMEOUT_MS)).toBe(false);
  });

  it("keeps a remembered session for 30 days, not longer", () => {
    expect(isAlive(row(true), start + 2 * 24 * 60 * 60_000)).toBe(true);
    expect(isAlive(row(true), start + REMEMBER_TIMEOUT_MS)).toBe(false);
  });
});
