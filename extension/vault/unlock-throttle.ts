// Slows down repeated wrong master passwords. State lives in storage.session (not storage.local, which a
// failed unlock must leave byte-identical). Argon2id already costs ~0.3 s per guess; after 3 failures each
// further attempt must also wait an exponentially growing delay (2 s, 4 s, … up to 5 min).
import { readStored, removeStored, writeStored } from "./stored-values";

const THROTTLE_KEY = "unlockThrottle";
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

interface ThrottleState {
  failures: number;
  notBefore: number;
}

async function readState(): Promise<ThrottleState> {
  const value = (await readStored("session", THROTTLE_KEY)) as ThrottleState | undefined;
  return value ?? { failures: 0, notBefore: 0 };
}

/** Milliseconds the caller must still wait before the next attempt (0 = may try now). */
export async function unlockWaitMs(now = Date.now()): Promise<number> {
  return Math.max(0, (await readState()).notBefore - now);
}

export function delayAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS + 1));
}

export async function recordUnlockFailure(now = Date.now()): Promise<number> {
  const failures = (await readState()).failures + 1;
  const delay = delayAfterFailures(failures);
  await writeStored("session", { [THROTTLE_KEY]: { failures, notBefore: now + delay } });
  return delay;
}

export async function clearUnlockFailures(): Promise<void> {
  await removeStored("session", THROTTLE_KEY);
}
