// The throttle scopes of the portal, each counting its own failures (auth/throttle.ts): one list, so that a
// scope shared by two flows (the password at sign-in and at re-authentication) is one name.
export const PASSWORD_SCOPE = "password";
export const SECOND_FACTOR_SCOPE = "second-factor";
export const BIRTH_DATE_SCOPE = "birthdate";
export const RECOVERY_SCOPE = "recovery";
/** Counts every passwordless options call (not only failures): see flows/passwordless.ts. */
export const PASSWORDLESS_OPTIONS_SCOPE = "passwordless-options";
