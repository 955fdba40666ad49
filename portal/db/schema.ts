// The `Database` interface: every table the portal stores. Times are epoch milliseconds; booleans are 0/1
// integers so that SQLite and PostgreSQL read the same values.
import type { Selectable, Updateable } from "kysely";
import type { SecondFactorTables } from "./second-factor-schema";

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

/** H2: second-factor tables (migration 002) live in second-factor-schema.ts. */
export interface Database extends SecondFactorTables {
  members: MembersTable;
  sessions: SessionsTable;
  attempts: AttemptsTable;
  recovery_mails: RecoveryMailsTable;
  security_events: SecurityEventsTable;
  email_verifications: EmailVerificationsTable;
  password_resets: PasswordResetsTable;
  notices: NoticesTable;
}

export type Member = Selectable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type Notice = Selectable<NoticesTable>;
export type SecurityEvent = Selectable<SecurityEventsTable>;
