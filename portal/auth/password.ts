// Argon2id hashing (OWASP: m=19456 KiB, t=2, p=1). @node-rs/argon2 runs on libuv's thread pool, so a
// verification never blocks the event loop.
import { hash, verify } from "@node-rs/argon2";

// `Algorithm` is a const enum (not importable under isolatedModules): 2 = Argon2id.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** Spend the same time as a real check when the user is unknown or throttled; always false. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy password for unknown users");
  await verifyPassword(await dummyHash, password);
  return false;
}
