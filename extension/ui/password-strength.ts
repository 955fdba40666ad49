// A plain-words strength hint for the master password (no score numbers, no jargon). Deliberately simple:
// length matters most; repeated or sequential characters and a few well-known passwords are called weak.
import type { MessageKey } from "../i18n";

export type Strength = "too-short" | "weak" | "fair" | "strong";

export const STRENGTH_MESSAGES: Record<Strength, MessageKey> = {
  "too-short": "strength_too_short",
  weak: "strength_weak",
  fair: "strength_fair",
  strong: "strength_strong",
};

const WELL_KNOWN = [
  "password",
  "passw0rd",
  "12345678",
  "123456789",
  "qwertyui",
  "iloveyou",
  "abcdefgh",
  "11111111",
];

function characterKinds(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

function isMonotonous(password: string): boolean {
  if (new Set(password).size <= 3) return true;
  let sequential = 0;
  for (let i = 1; i < password.length; i++) {
    if (Math.abs(password.charCodeAt(i) - password.charCodeAt(i - 1)) === 1) sequential++;
  }
  return sequential >= password.length - 2;
}

export function passwordStrength(password: string): Strength {
  if ([...password].length < 8) return "too-short";
  if (WELL_KNOWN.some((w) => password.toLowerCase().includes(w)) || isMonotonous(password)) return "weak";
  const length = [...password].length;
  if (length >= 16 || (length >= 12 && characterKinds(password) >= 3)) return "strong";
  if (length >= 10 || characterKinds(password) >= 3) return "fair";
  return "weak";
}
