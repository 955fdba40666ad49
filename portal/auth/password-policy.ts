// The new-password rules (NIST 800-63B / ASVS 6.2): length 12–128 code points, no composition rules,
// not the user ID, not a common password. "Not the initial password" needs the stored hash and is
// checked by the caller with `verifyPassword`.
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem =
  | "password.required"
  | "password.tooShort"
  | "password.tooLong"
  | "password.controlCharacters"
  | "password.mismatch"
  | "password.sameAsUserId"
  | "password.common";

let commonPasswords: Set<string> | null = null;

/** 49k most common passwords from @zxcvbn-ts/language-common, lower-cased. */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((p) => String(p).toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

export function codePointLength(value: string): number {
  return [...value].length;
}

export function checkNewPassword(input: {
  password: string;
  confirmation: string;
  userId: string;
}): PasswordProblem | null {
  const { password, confirmation, userId } = input;
  if (password.length === 0) return "password.required";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(password)) return "password.controlCharacters";
  const length = codePointLength(password);
  if (length < PASSWORD_MIN_LENGTH) return "password.tooShort";
  if (length > PASSWORD_MAX_LENGTH) return "password.tooLong";
  if (password !== confirmation) return "password.mismatch";
  if (password.toLowerCase() === userId.toLowerCase()) return "password.sameAsUserId";
  if (isCommonPassword(password)) return "password.common";
  return null;
}
