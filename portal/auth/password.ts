// Argon2id hashing (OWASP: m=19456 KiB, t=2, p=1). @node-rs/argon2 runs on libuv's thread pool, so a
// verification never blocks the event loop. Verifications wait for one of ARGON2_SLOTS (cores − 1, at least
// one) so that a storm of guesses leaves the event loop a core's share for every other request; a browser
// the member signed in from before goes ahead of the queue.
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";

// `Algorithm` is a const enum (not importable under isolatedModules): 2 = Argon2id.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const ARGON2_SLOTS = Math.max(1, availableParallelism() - 1);

export type VerifyPriority = "normal" | "known-device";

let busy = 0;
const waiting: Record<VerifyPriority, Array<() => void>> = { "known-device": [], normal: [] };

async function inSlot<T>(priority: VerifyPriority, work: () => Promise<T>): Promise<T> {
  if (busy >= ARGON2_SLOTS) await new Promise<void>((resolve) => waiting[priority].push(resolve));
  else busy++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter (busy stays), known devices first.
    const next = waiting["known-device"].shift() ?? waiting.normal.shift();
    if (next) next();
    else busy--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export function verifyPassword(
  passwordHash: string,
  password: string,
  priority: VerifyPriority = "normal",
): Promise<boolean> {
  return inSlot(priority, async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

let dummyHash: Promise<string> | null = null;

/** Spend the same time as a real check when the user is unknown or throttled; always false. */
export async function verifyAgainstDummy(
  password: string,
  priority: VerifyPriority = "normal",
): Promise<false> {
  dummyHash ??= hashPassword("dummy password for unknown users");
  await verifyPassword(await dummyHash, password, priority);
  return false;
}
