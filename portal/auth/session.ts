// Sessions: a random 256-bit token in an HttpOnly SameSite=Lax cookie (`__Host-` + Secure on HTTPS), stored
// hashed. Idle limit 30 min and absolute limit 12 h; "ログイン状態の保存" makes a persistent cookie whose
// session lives 30 days. A new token is issued at every step up (rotateSession).
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Kysely } from "kysely";
import type { AppEnv, CurrentSession } from "../app-env";
import { findMemberById } from "../db/members";
import type { Database, Member, SessionLevel, SessionRow } from "../db/schema";
import {
  deleteMemberSessions,
  deleteSession,
  findSessionWithMember,
  insertSession,
  replaceSession,
  touchSession,
} from "../db/sessions";
import type { Deps } from "../deps";
import { now } from "../deps";
import { hashToken, isWellFormedToken, randomToken } from "./tokens";

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
export const REMEMBER_TIMEOUT_MS = 30 * 24 * 60 * 60_000;
/**
 * last_seen_at is written at most once a minute, so most signed-in requests do no write at all. Idle time
 * counts from the last write, which lags the last request by under a minute: an idle session therefore ends
 * between 29 and 30 minutes after its last request, never later than the 30-minute limit.
 */
const TOUCH_INTERVAL_MS = 60_000;

export function sessionCookieName(deps: Pick<Deps, "config">): string {
  return deps.config.secureCookies ? "__Host-kosmo_session" : "kosmo_session";
}

export interface NewSessionOptions {
  level: SessionLevel;
  remember: boolean;
  userAgent: string | null;
  ip: string | null;
}

/** Creates the row and returns the token for the cookie. */
export async function createSession(
  deps: Pick<Deps, "db" | "clock">,
  memberId: string,
  options: NewSessionOptions,
): Promise<{ token: string; row: SessionRow }> {
  const token = randomToken();
  const at = now(deps);
  const row: SessionRow = {
    id: hashToken(token),
    member_id: memberId,
    level: options.level,
    created_at: at,
    last_seen_at: at,
    expires_at: at + (options.remember ? REMEMBER_TIMEOUT_MS : ABSOLUTE_TIMEOUT_MS),
    remember: options.remember ? 1 : 0,
    user_agent: options.userAgent?.slice(0, 512) ?? null,
    ip: options.ip?.slice(0, 64) ?? null,
  };
  await insertSession(deps.db, row);
  return { token, row };
}

/** Signs a member in: new session row and cookie (any previous session of this browser is ended). */
export async function startSession<E extends AppEnv>(
  c: Context<E>,
  memberId: string,
  options: { level: SessionLevel; remember: boolean },
): Promise<void> {
  const { token, row } = await writeNewSession(c, c.var.deps.db, memberId, options);
  writeSessionCookie(c, token, row);
  await loadIntoContext(c, row);
}

export interface NewSession {
  token: string;
  row: SessionRow;
}

/**
 * startSession's database half, for a flow that writes its whole success in one transaction (`db`): this
 * browser's previous session ends and the new row goes in. enterSession hands it to the browser after commit.
 */
export async function writeNewSession<E extends AppEnv>(
  c: Context<E>,
  db: Kysely<Database>,
  memberId: string,
  options: { level: SessionLevel; remember: boolean },
): Promise<NewSession> {
  const previous = c.var.session;
  if (previous) await deleteSession(db, previous.id);
  return createSession({ db, clock: c.var.deps.clock }, memberId, {
    ...options,
    userAgent: c.req.header("user-agent") ?? null,
    ip: c.var.ip,
  });
}

/** The cookie and this request's session for a row writeNewSession wrote, with `member` as the flow has it. */
export function enterSession<E extends AppEnv>(c: Context<E>, session: NewSession, member: Member): void {
  writeSessionCookie(c, session.token, session.row);
  setCurrentSession(c, session.row, member);
}

/** New token at every step up: the old row is deleted, the limits of the original sign-in are kept. */
export async function rotateSession<E extends AppEnv>(
  c: Context<E>,
  options: { level: SessionLevel },
): Promise<CurrentSession> {
  const deps = c.var.deps;
  const current = c.var.session;
  if (!current) throw new Error("rotateSession needs a session");
  const token = randomToken();
  const at = now(deps);
  const row: SessionRow = {
    id: hashToken(token),
    member_id: current.member.id,
    level: options.level,
    created_at: current.createdAt,
    last_seen_at: at,
    expires_at: current.expiresAt,
    remember: current.remember ? 1 : 0,
    user_agent: c.req.header("user-agent")?.slice(0, 512) ?? null,
    ip: c.var.ip,
  };
  await replaceSession(deps.db, current.id, row);
  writeSessionCookie(c, token, row);
  await loadIntoContext(c, row);
  const rotated = c.var.session;
  if (!rotated) throw new Error("the member of a rotated session is gone");
  return rotated;
}

/** ログアウト: the row is deleted on the server, the cookie cleared. */
export async function endSession<E extends AppEnv>(c: Context<E>): Promise<void> {
  const deps = c.var.deps;
  const current = c.var.session;
  if (current) await deleteSession(deps.db, current.id);
  deleteCookie(c, sessionCookieName(deps), cookieBase(deps));
  setSession(c, null);
}

export function endOtherSessions(deps: Deps, memberId: string, exceptSessionId: string | null) {
  return deleteMemberSessions(deps.db, memberId, exceptSessionId);
}

/** Middleware: loads the session named by the cookie, enforcing the idle and absolute limits. */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    setSession(c, null);
    const deps = c.var.deps;
    const token = getCookie(c, sessionCookieName(deps));
    if (isWellFormedToken(token)) {
      const found = await findSessionWithMember(deps.db, hashToken(token));
      const at = now(deps);
      if (found && isAlive(found.session, at)) {
        const row = found.session;
        if (at - row.last_seen_at >= TOUCH_INTERVAL_MS) await touchSession(deps.db, row.id, at);
        setCurrentSession(c, row, found.member);
      } else {
        if (found) await deleteSession(deps.db, found.session.id);
        deleteCookie(c, sessionCookieName(deps), cookieBase(deps));
      }
    } else if (token !== undefined) {
      deleteCookie(c, sessionCookieName(deps), cookieBase(deps));
    }
    await next();
  };
}

export function isAlive(row: SessionRow, at: number): boolean {
  if (at >= row.expires_at) return false;
  return row.remember === 1 || at - row.last_seen_at < IDLE_TIMEOUT_MS;
}

/** Where a password-level session must go next: the first-login step machine, then the second factor. */
export function pendingPathFor(session: CurrentSession): string {
  return session.member.first_login_completed_at === null ? "/first-login" : "/login/second-factor";
}

async function loadIntoContext<E extends AppEnv>(c: Context<E>, row: SessionRow): Promise<void> {
  setCurrentSession(c, row, await findMemberById(c.var.deps.db, row.member_id));
}

function setCurrentSession<E extends AppEnv>(
  c: Context<E>,
  row: SessionRow,
  member: Member | undefined,
): void {
  setSession(c, member ? sessionOf(row, member) : null);
}

/**
 * The request's session changes only here (sign-in, step up, sign-out). A guarded route's context types it as
 * present (SignedInEnv); a route that ends it answers with a redirect and reads it no more.
 */
function setSession<E extends AppEnv>(c: Context<E>, session: CurrentSession | null): void {
  (c as unknown as Context<AppEnv>).set("session", session);
}

function sessionOf(row: SessionRow, member: Member): CurrentSession {
  return {
    id: row.id,
    level: row.level,
    remember: row.remember === 1,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    member,
  };
}

function cookieBase(deps: Deps) {
  return { path: "/", secure: deps.config.secureCookies };
}

function writeSessionCookie<E extends AppEnv>(c: Context<E>, token: string, row: SessionRow): void {
  const deps = c.var.deps;
  setCookie(c, sessionCookieName(deps), token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: deps.config.secureCookies,
    // Persistent only with ログイン状態の保存; otherwise a browser-session cookie.
    ...(row.remember === 1 ? { maxAge: Math.floor((row.expires_at - now(deps)) / 1000) } : {}),
  });
}
