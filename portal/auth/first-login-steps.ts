// The first-login step machine (manual 1-[3]…[10]), derived from the member record alone so that it resumes
// wherever the member stopped and cannot be skipped by typing a URL.
import type { AuthMethod, Member } from "../db/schema";

export const firstLoginSteps = ["birth-date", "terms", "email", "method", "password", "complete"] as const;
export type FirstLoginStep = (typeof firstLoginSteps)[number];

type StepFacts = Pick<
  Member,
  | "birth_date_confirmed_at"
  | "terms_accepted_at"
  | "email_verified_at"
  | "auth_method"
  | "password_changed_at"
  | "first_login_completed_at"
>;

/** The step the member must do now; "complete" once everything is done (the closing page). */
export function pendingStep(member: StepFacts): FirstLoginStep {
  if (member.birth_date_confirmed_at === null) return "birth-date";
  if (member.terms_accepted_at === null) return "terms";
  if (member.email_verified_at === null) return "email";
  if (member.auth_method === null) return "method";
  if (member.password_changed_at === null || member.first_login_completed_at === null) return "password";
  return "complete";
}

export function stepNumber(step: FirstLoginStep): number {
  return firstLoginSteps.indexOf(step) + 1;
}

export function stepPath(step: FirstLoginStep): string {
  return `/first-login/${step}`;
}

export const authMethods: readonly AuthMethod[] = ["passkey", "totp", "mail"];

export function isAuthMethod(value: unknown): value is AuthMethod {
  return typeof value === "string" && (authMethods as readonly string[]).includes(value);
}
