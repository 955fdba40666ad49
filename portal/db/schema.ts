// The `Database` interface: every table the portal stores. Times are epoch milliseconds; booleans are 0/1
// integers so that SQLite and PostgreSQL read the same values.
import type { Selectable, Updateable } from "kysely";

export type AuthMethod = "passkey" | "totp" | "mail";
export type SessionLevel = "password" | "full";

export interface MembersTable {
  id: string;
  user_id: string;
  name: string;
  birth_date: string;
  password_hash: string;
  password_is_initial: number;
  email: string | null;
  /** Address typed at the first-login e-mail step, waiting for its confirmation link. */
  pending_email: string | null;
  email_verified_at: number | null;
  birth_date_confirmed_at: number | null;
  terms_accepted_at: number | null;
  auth_method: AuthMethod | null;
  password_changed_at: number | null;
  first_login_completed_at: number | null;
  /** Language of the member's last screen, used for mails. */
  locale: string | null;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  member_id: string;
  level: SessionLevel;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  remember: number;
  user_agent: string | null;
  ip: string | null;
}

/** One row per limiter key (auth/limiter.ts): attempts are counted here before they are judged. */
export interface AttemptsTable {
  scope: string;
  key: string;
  failures: number;
  last_failure_at: number;
  blocked_until: number;
}

export interface SecurityEventsTable {
  id: string;
  member_id: string;
  type: string;
  ip: string | null;
  detail: string | null;
  created_at: number;
}

/** Single-use links: e-mail confirmation (24 h) and password reset (1 h), stored as SHA-256 of the token. */
export interface EmailVerificationsTable {
  token_hash: string;
  member_id: string;
  email: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  member_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** The token sealed with the secret box (context "password-reset:<token_hash>"), to re-send the live link. */
  token_sealed: string | null;
}

/** Recovery mails per member and kind: the last one (cooldown) and how many in the current 24 h window. */
export interface RecoveryMailsTable {
  member_id: string;
  kind: string;
  last_sent_at: number;
  window_started_at: number;
  sent_in_window: number;
}

export interface NoticesTable {
  id: string;
  body: string;
  created_at: number;
}

// Second factors (migration 002): TOTP devices and their pending enrolments, passkeys, WebAuthn challenges,
// mail codes and the time of the last re-authentication.
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

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

/** One mail to send (migration 004); `body_sealed` is null once it was sent or given up. */
export interface MailOutboxTable {
  id: string;
  /** What the mail is: "email-verification", "password-reset", "user-id", "mail-otp", "security-notice". */
  kind: string;
  /** What the mail belongs to (e.g. "mail-otp:<session id>"), for the screen that reports it; may be null. */
  ref: string | null;
  member_id: string | null;
  /** JSON of the message (to, subject, text) sealed with the secret box (context "mail-outbox:<id>"). */
  body_sealed: string | null;
  status: OutboxStatus;
  /** Sending attempts begun (a claim counts one). */
  attempts: number;
  next_attempt_at: number;
  /** The claim of the instance sending it now, and until when that claim holds (a crashed one's expires). */
  claim_token: string | null;
  claimed_until: number | null;
  /** After this the mail is useless (its link or code has expired): it is given up instead of sent. */
  discard_after: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface Database {
  members: MembersTable;
  sessions: SessionsTable;
  attempts: AttemptsTable;
  recovery_mails: RecoveryMailsTable;
  security_events: SecurityEventsTable;
  email_verifications: EmailVerificationsTable;
  password_resets: PasswordResetsTable;
  notices: NoticesTable;
  totp_devices: TotpDevicesTable;
  totp_enrollments: TotpEnrollmentsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  mail_otp_codes: MailOtpCodesTable;
  recent_authentications: RecentAuthenticationsTable;
  mail_outbox: MailOutboxTable;
}

export type Member = Selectable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type Notice = Selectable<NoticesTable>;
export type SecurityEvent = Selectable<SecurityEventsTable>;
export type TotpDevice = Selectable<TotpDevicesTable>;
export type Passkey = Selectable<PasskeysTable>;
export type MailOtpCode = Selectable<MailOtpCodesTable>;
export type WebauthnPurpose = WebauthnChallengesTable["purpose"];
export type OutboxMail = Selectable<MailOutboxTable>;
