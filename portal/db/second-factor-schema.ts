// Tables of the second factors (migration 002): TOTP devices and their pending enrolments, passkeys, WebAuthn
// challenges, mail codes and the time of the last re-authentication. Joined into `Database` in schema.ts.
import type { Selectable } from "kysely";

export interface TotpDevicesTable {
  id: string;
  member_id: string;
  name: string;
  /** The base32 secret sealed with the secret box (context "totp:<id>"). */
  secret_sealed: string;
  /** The last time step a code was accepted for: codes of this step or earlier are refused (no replay). */
  last_used_step: number | null;
  created_at: number;
  last_used_at: number | null;
}

/** The secret shown on the set-up screen until the member confirms it with a code; one per session. */
export interface TotpEnrollmentsTable {
  session_id: string;
  member_id: string;
  secret_sealed: string;
  created_at: number;
  expires_at: number;
}

export interface PasskeysTable {
  id: string;
  member_id: string;
  name: string;
  credential_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** Comma-separated transports reported at registration. */
  transports: string;
  user_handle: string;
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

/** `binding` is "session:<session id>" or "pre:<hash of a pre-sign-in cookie>" (passwordless). */
export interface WebauthnChallengesTable {
  challenge: string;
  binding: string;
  purpose: "register" | "second-factor" | "passwordless" | "reauth";
  created_at: number;
}

/** One mail code per sign-in attempt (the password-level session). */
export interface MailOtpCodesTable {
  session_id: string;
  member_id: string;
  code_hash: string;
  code_sealed: string;
  created_at: number;
  expires_at: number;
  last_sent_at: number;
  wrong_tries: number;
  consumed_at: number | null;
}

/** When the member last proved who they are in this session (sign-in or password re-entry). */
export interface RecentAuthenticationsTable {
  session_id: string;
  authenticated_at: number;
}

export interface SecondFactorTables {
  totp_devices: TotpDevicesTable;
  totp_enrollments: TotpEnrollmentsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  mail_otp_codes: MailOtpCodesTable;
  recent_authentications: RecentAuthenticationsTable;
}

export type TotpDevice = Selectable<TotpDevicesTable>;
export type Passkey = Selectable<PasskeysTable>;
export type MailOtpCode = Selectable<MailOtpCodesTable>;
