// The Hono environment shared by every route: request-scoped values set by the middleware in app.ts, read as
// `c.var.<name>` — the one way a route reaches its dependencies.
import type { Member, SessionLevel } from "./db/schema";
import type { Deps } from "./deps";
import type { Locale } from "./i18n";

export interface CurrentSession {
  /** SHA-256 of the cookie token (the session row's id). */
  id: string;
  level: SessionLevel;
  remember: boolean;
  createdAt: number;
  expiresAt: number;
  member: Member;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    locale: Locale;
    session: CurrentSession | null;
    /** Client address: the socket peer, or what a TRUST_PROXY proxy reports (auth/client-address.ts). */
    ip: string | null;
  };
}

/** Behind a session guard (auth/guards.ts): `c.var.session` is there, no `!` needed. */
export interface SignedInEnv {
  Variables: Omit<AppEnv["Variables"], "session"> & { session: CurrentSession };
}
