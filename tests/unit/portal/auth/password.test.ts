import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../../../../portal/auth/password";

describe("password hashing", () => {
  it("uses Argon2id with OWASP's parameters and a fresh salt each time", async () => {
    const first = await hashPassword("初期パスワード-0001");
    const second = await hashPassword("初期パスワード-0001");
    expect(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, "初期パスワード-0001")).toBe(true);
    expect(await verifyPassword(first, "初期パスワード-0002")).toBe(false);
  });

  it("treats a damaged hash as a failed check, and the dummy check always fails", async () => {
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
    expect(await verifyAgainstDummy("dummy password for unknown users")).toBe(false);
  });

  it("verifies on the thread pool: timers still run while eight checks are in flight", async () => {
    const hash = await hashPassword("event loop");
    let done = 0;
    const checks = Promise.all(
      Array.from({ length: 8 }, () =>
        verifyPassword(hash, "event loop").then((ok) => {
          done += 1;
          return ok;
        }),
      ),
    );
    const doneWhenTimerRan = await new Promise<number>((resolve) => setTimeout(() => resolve(done), 0));
    expect(doneWhenTimerRan).toBeLessThan(8);
    expect(await checks).toEqual(Array(8).fill(true));
  });
});
