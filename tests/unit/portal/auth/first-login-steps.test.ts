import { describe, expect, it } from "vitest";
import { firstLoginSteps, pendingStep, stepNumber } from "../../../../portal/auth/first-login-steps";

const fresh = {
  birth_date_confirmed_at: null,
  terms_accepted_at: null,
  email_verified_at: null,
  auth_method: null,
  password_changed_at: null,
  first_login_completed_at: null,
} as const;

describe("first-login step machine", () => {
  it("walks the manual's order one fact at a time", () => {
    let member: Parameters<typeof pendingStep>[0] = { ...fresh };
    const seen = [pendingStep(member)];
    member = { ...member, birth_date_confirmed_at: 1 };
    seen.push(pendingStep(member));
    member = { ...member, terms_accepted_at: 2 };
    seen.push(pendingStep(member));
    member = { ...member, email_verified_at: 3 };
    seen.push(pendingStep(member));
    member = { ...member, auth_method: "totp" };
    seen.push(pendingStep(member));
    member = { ...member, password_changed_at: 5, first_login_completed_at: 5 };
    seen.push(pendingStep(member));
    expect(seen).toEqual([...firstLoginSteps]);
    expect(seen.map(stepNumber)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("cannot be skipped: a later fact without the earlier ones still asks for the earliest", () => {
    expect(pendingStep({ ...fresh, terms_accepted_at: 1, email_verified_at: 1, auth_method: "mail" })).toBe(
      "birth-date",
    );
    expect(pendingStep({ ...fresh, birth_date_confirmed_at: 1, auth_method: "passkey" })).toBe("terms");
  });

  it("skips the e-mail screen when the address is already confirmed (manual: 遷移しない場合)", () => {
    expect(
      pendingStep({ ...fresh, birth_date_confirmed_at: 1, terms_accepted_at: 1, email_verified_at: 1 }),
    ).toBe("method");
  });

  it("keeps the password step until the first login is recorded complete", () => {
    const almost = {
      ...fresh,
      birth_date_confirmed_at: 1,
      terms_accepted_at: 1,
      email_verified_at: 1,
      auth_method: "mail" as const,
    };
    expect(pendingStep({ ...almost, password_changed_at: 9 })).toBe("password");
    expect(pendingStep({ ...almost, password_changed_at: 9, first_login_completed_at: 9 })).toBe("complete");
  });
});
