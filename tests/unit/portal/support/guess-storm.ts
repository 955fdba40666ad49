// Guessing storms against one member, as an attacker with many client addresses would run them: every guess
// comes through the test's "proxy" (X-Forwarded-For, the portal started with TRUST_PROXY=127.0.0.1) from an
// address of its own, all at once (bounded in flight). The member's own browser — a known device — signs in
// during the storm and after it. The security event log says how many guesses were judged and throttled.
// Used by tests/unit/portal/flows/guess-storm.test.ts (small) and bench/portal/attack-bench.ts (1,000 each),
// whose portal process (bench/portal/attack-process.ts) makes its members with addStormMember as the test does.
import type { Kysely } from "kysely";
import { totpCodeAt, totpStep } from "../../../../portal/auth/totp";
import { updateMember } from "../../../../portal/db/members";
import type { Database } from "../../../../portal/db/schema";
import { addTotpDevice, type TestPortal } from "../../../e2e/support/portal";
import { type HttpClient, httpClient } from "./http-client";

export type StormFlow = "password" | "app-code" | "mail-code" | "birth-date";

export interface StormTarget {
  origin: string;
  /** The member's security events of these types (the portal's own log). */
  eventsOf(memberId: string, types: string[]): Promise<{ type: string; detail: string | null }[]>;
  clock: () => Date;
  /** The newest 6-digit code mailed to `address` after `after` (the mail catcher). */
  mailedCode(address: string, after: Date): Promise<string>;
}

export interface StormMember {
  id: string;
  userId: string;
  password: string;
  birthDate: string;
  email: string;
  totpSecret: string | null;
}

export interface StormResult {
  flow: StormFlow;
  sent: number;
  judged: number;
  throttled: number;
  successes: number;
  /** The member's own sign-in (password and, for second factors, the code) while the storm ran. */
  memberDuringMs: number;
  memberDuringOk: boolean;
  memberAfterOk: boolean;
}

const MEMBER_ADDRESS = "198.51.100.1";
const STORM_PASSWORD = "the member's own passphrase";
const STORM_BIRTH_DATE = "1966-06-16";

/**
 * The member a storm of `flow` aims at, made at `at`: for a birth-date storm one still at the first login
 * (whose sign-in asks for the birth date); otherwise one past it, who chose mail codes or the app (one device).
 */
export async function addStormMember(
  portal: TestPortal,
  flow: StormFlow,
  userId: string,
  at: number,
): Promise<StormMember> {
  const email = `${userId}@example.jp`;
  const member = await portal.addMember({ userId, password: STORM_PASSWORD, birthDate: STORM_BIRTH_DATE });
  let totpSecret: string | null = null;
  if (flow !== "birth-date") {
    await updateMember(portal.portal.db, member.id, {
      password_is_initial: 0,
      email,
      email_verified_at: at,
      birth_date_confirmed_at: at,
      terms_accepted_at: at,
      auth_method: flow === "mail-code" ? "mail" : "totp",
      password_changed_at: at,
      first_login_completed_at: at,
      updated_at: at,
    });
    if (flow !== "mail-code") totpSecret = await addTotpDevice(portal, member.id, "phone");
  }
  return { id: member.id, userId, password: STORM_PASSWORD, birthDate: STORM_BIRTH_DATE, email, totpSecret };
}

/** A distinct client address per guess: 10.0.0.1, 10.0.0.2, … */
function attackerAddress(index: number): string {
  const n = index + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function inBatches<T>(
  count: number,
  inFlight: number,
  run: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await run(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return results;
}

/** A 6-digit code that is not the member's right one at any step the portal could accept. */
function wrongCode(index: number, avoid: Set<string>): string {
  for (let n = index * 7919; ; n++) {
    const code = String((n * 104_729) % 1_000_000).padStart(6, "0");
    if (!avoid.has(code)) return code;
  }
}

/** A wrong birth date (a day of 1950–2000 that is not the member's). */
function wrongBirthDate(index: number, right: string): string {
  for (let n = index; ; n++) {
    const date = new Date(Date.UTC(1950, 0, 1) + (n % 18_000) * 86_400_000).toISOString().slice(0, 10);
    if (date !== right) return date;
  }
}

/** StormTarget.eventsOf for a portal whose database this process holds. */
export function eventsFromDatabase(db: Kysely<Database>): StormTarget["eventsOf"] {
  return (memberId, types) =>
    db
      .selectFrom("security_events")
      .select(["type", "detail"])
      .where("member_id", "=", memberId)
      .where("type", "in", types)
      .execute();
}

/** Signs in with ID + password from `address`; the browser keeps its cookies (a known device stays known). */
async function passwordStep(browser: HttpClient, member: StormMember): Promise<boolean> {
  const response = await browser.post("/login", { user_id: member.userId, password: member.password });
  await response.body?.cancel();
  return response.status === 303;
}

/**
 * The member in their own browser: the password step, then for "full" the second factor (the app code
 * `stepOffset` steps from now, or the mailed code).
 */
async function memberSignsIn(
  target: StormTarget,
  browser: HttpClient,
  member: StormMember,
  stage: "password" | "full",
  stepOffset = 0,
): Promise<boolean> {
  if (!(await passwordStep(browser, member))) return false;
  if (stage === "password") return true;
  if (member.totpSecret) {
    const code = totpCodeAt(member.totpSecret, totpStep(target.clock()) + stepOffset);
    const response = await browser.post("/login/second-factor/totp", { otp: code });
    return response.headers.get("location") === "/";
  }
  const asked = new Date(Date.now() - 1);
  await (await browser.get("/login/second-factor/mail")).body?.cancel();
  const code = await target.mailedCode(member.email, asked);
  const response = await browser.post("/login/second-factor/mail", { otp: code });
  return response.headers.get("location") === "/";
}

/**
 * `guesses` wrong guesses for `flow` against `member`, `inFlight` at a time, each from its own address; the
 * member signs in from their known browser while it runs and again afterwards.
 */
export async function runGuessStorm(
  target: StormTarget,
  member: StormMember,
  flow: StormFlow,
  options: { guesses: number; inFlight: number; attackerSessions: number },
): Promise<StormResult> {
  // The member's own browser signed in fully here before: it carries the known-device cookie. (At the
  // birth-date step there is no full sign-in yet: the member only has the password step, like the attacker.)
  const own = httpClient(target.origin, fetch, { "x-forwarded-for": MEMBER_ADDRESS });
  const known = flow === "birth-date" ? "password" : "full";
  if (!(await memberSignsIn(target, own, member, known, -1)))
    throw new Error("the member cannot sign in before the storm");

  // Second-factor and birth-date guesses need password-level sessions: the attacker knows the password.
  const sessions: HttpClient[] = [];
  if (flow !== "password") {
    for (let i = 0; i < options.attackerSessions; i++) {
      const attacker = httpClient(target.origin, fetch, {
        "x-forwarded-for": attackerAddress(1_000_000 + i),
      });
      if (!(await passwordStep(attacker, member))) throw new Error("attacker session failed");
      if (flow === "mail-code") await (await attacker.get("/login/second-factor/mail")).body?.cancel();
      sessions.push(attacker);
    }
  }
  const avoid = new Set<string>();
  if (member.totpSecret) {
    const step = totpStep(target.clock());
    for (let d = -2; d <= 2; d++) avoid.add(totpCodeAt(member.totpSecret, step + d));
  }

  const guess = async (index: number): Promise<boolean> => {
    const from = { "x-forwarded-for": attackerAddress(index) };
    let response: Response;
    if (flow === "password") {
      response = await fetch(`${target.origin}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { ...from, origin: target.origin },
        body: new URLSearchParams({ user_id: member.userId, password: `wrong guess ${index}` }),
      });
      await response.body?.cancel();
      return response.status === 303;
    }
    const session = sessions[index % sessions.length]!;
    const cookie = session.cookie();
    const path =
      flow === "birth-date"
        ? "/first-login/birth-date"
        : flow === "app-code"
          ? "/login/second-factor/totp"
          : "/login/second-factor/mail";
    const fields: Record<string, string> =
      flow === "birth-date"
        ? { birth_date: wrongBirthDate(index, member.birthDate) }
        : { otp: wrongCode(index, avoid) };
    response = await fetch(`${target.origin}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { ...from, origin: target.origin, "sec-fetch-site": "same-origin", cookie },
      body: new URLSearchParams(fields),
    });
    await response.body?.cancel();
    const location = response.headers.get("location");
    return location === "/" || (flow === "birth-date" && location === "/first-login");
  };

  const storm = inBatches(options.guesses, options.inFlight, guess);
  // The member, during the storm, from their known browser.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  // At the birth-date step the member is no better known than an attacker holding the initial password (no
  // full sign-in yet, so no known device): the storm leaves their sign-in working, and the step waits.
  const memberDuringOk = await memberSignsIn(target, own, member, known);
  const memberDuringMs = performance.now() - started;
  const outcomes = await storm;
  // And after it (the next TOTP step: the one used during the storm cannot be replayed).
  const after = httpClient(target.origin, fetch, { "x-forwarded-for": MEMBER_ADDRESS });
  after.setCookie(
    own
      .cookie()
      .split("; ")
      .filter((pair) => pair.includes("device"))
      .join("; "),
  );
  const memberAfterOk = await memberSignsIn(target, after, member, known, 1);

  const logged =
    flow === "password"
      ? await target.eventsOf(member.id, ["sign-in-failed"])
      : flow === "birth-date"
        ? await target.eventsOf(member.id, ["birth-date-failed"])
        : await target.eventsOf(member.id, ["second-factor-failed"]);
  const throttledDetail = {
    password: "throttled",
    "birth-date": "throttled",
    "app-code": "totp-throttled",
    "mail-code": "mail-throttled",
  }[flow];
  const judgedDetails = {
    password: ["password"],
    "birth-date": ["judged"],
    "app-code": ["totp-wrong", "totp-replayed"],
    "mail-code": ["mail-wrong"],
  }[flow];
  return {
    flow,
    sent: options.guesses,
    judged: logged.filter((e) => judgedDetails.includes(e.detail ?? "")).length,
    throttled: logged.filter((e) => e.detail === throttledDetail).length,
    successes: outcomes.filter(Boolean).length,
    memberDuringMs,
    memberDuringOk,
    memberAfterOk,
  };
}
