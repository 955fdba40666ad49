// What the flow test files share: one test app per file on a clock the file moves, and members who are past
// the first login already.
import { afterAll, beforeAll } from "vitest";
import { updateMember } from "../../../../portal/db/members";
import type { AuthMethod, Member } from "../../../../portal/db/schema";
import { startTestApp, type TestApp } from "./test-app";

export const PASSWORD = "a long enough password";

/** Starts the app before the file's tests (`ready` gets it, e.g. to add members) and closes it after them. */
export function testAppForFile(
  options: Parameters<typeof startTestApp>[0],
  ready: (portal: TestApp) => void | Promise<void>,
): void {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(options);
    await ready(started);
  });
  afterAll(async () => {
    await started?.close();
  });
}

/**
 * A member who finished the first login at `at` with `method` chosen (password PASSWORD), with the confirmed
 * address `<userId>@example.jp` unless `email` is false. Returns the member as added.
 */
export async function memberPastFirstLogin(
  portal: TestApp,
  input: { userId: string; method: AuthMethod; at: number; email?: boolean },
): Promise<Member> {
  const member = await portal.addMember({
    userId: input.userId,
    password: PASSWORD,
    birthDate: "1980-04-01",
  });
  const address =
    input.email === false ? {} : { email: `${input.userId}@example.jp`, email_verified_at: input.at };
  await updateMember(portal.db, member.id, {
    password_is_initial: 0,
    first_login_completed_at: input.at,
    auth_method: input.method,
    ...address,
    updated_at: input.at,
  });
  return member;
}
