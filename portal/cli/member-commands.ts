// The operator commands, on a database handle. members.ts parses the command line and prints.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { pendingStep } from "../auth/first-login-steps";
import { hashPassword } from "../auth/password";
import type { SecretBox } from "../auth/secret-box";
import { recordSecurityEvent } from "../auth/security-events";
import { countOutboxMails, listFailedOutboxMails } from "../db/mail-outbox";
import {
  findMemberByUserId,
  insertMember,
  insertMembers,
  listMembers,
  normalizeUserId,
  resetFirstLogin,
} from "../db/members";
import { addNotice } from "../db/notices";
import type { Database } from "../db/schema";
import { listSecurityEvents } from "../db/security-events";
import { inTransaction } from "../db/transaction";
import { t } from "../i18n";
import { deliveryOf, type QueueMail, queueInto } from "../mail/outbox";
import { createOutboxWorker } from "../mail/outbox-worker";
import { queueSecurityNotice } from "../mail/security-notice";
import type { Mailer } from "../mail/transport";
import { parseMembersCsv } from "./member-import";
import { type MemberInput, memberInputProblems } from "./member-rules";

export interface CommandContext {
  db: Kysely<Database>;
  clock: () => Date;
  out: (line: string) => void;
  /** Seals the notice a reset queues for the member's confirmed address (none: no notice). */
  secretBox?: SecretBox;
  /** Sends that notice at once (else, or when it fails, a running portal's outbox worker sends it). */
  mailer?: Mailer;
}

export class CommandError extends Error {}

/** Argon2 runs on libuv's thread pool (4 threads by default): keep it busy, not flooded (19 MiB per hash). */
const HASH_CONCURRENCY = 4;

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function addMemberCommand(ctx: CommandContext, input: MemberInput): Promise<void> {
  const problems = memberInputProblems(input, ctx.clock());
  if (problems.length > 0) throw new CommandError(problems.join("\n"));
  if (await findMemberByUserId(ctx.db, input.userId))
    throw new CommandError(`user_id "${input.userId}" already exists`);
  await insertMember(ctx.db, {
    userId: input.userId,
    name: input.name,
    birthDate: input.birthDate,
    passwordHash: await hashPassword(input.initialPassword),
    at: ctx.clock().getTime(),
  });
  ctx.out(`added ${normalizeUserId(input.userId)} (first login pending)`);
}

export async function importMembersCommand(ctx: CommandContext, file: string): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new CommandError(`cannot read ${file}`);
  }
  const existing = new Set((await listMembers(ctx.db)).map((m) => m.user_id));
  const result = parseMembersCsv(text, existing, ctx.clock());
  if (!result.ok) {
    const lines = result.errors.map((e) => `${file}:${e.line}: ${e.message}`);
    throw new CommandError(`${lines.join("\n")}\nnothing was imported`);
  }
  const hashed = await mapWithConcurrency(result.members, HASH_CONCURRENCY, async (input) => ({
    input,
    hash: await hashPassword(input.initialPassword),
  }));
  const at = ctx.clock().getTime();
  await insertMembers(
    ctx.db,
    hashed.map(({ input, hash }) => ({
      userId: input.userId,
      name: input.name,
      birthDate: input.birthDate,
      passwordHash: hash,
      at,
    })),
  );
  ctx.out(`imported ${hashed.length} member(s) from ${file}`);
}

export async function listMembersCommand(ctx: CommandContext): Promise<void> {
  const members = await listMembers(ctx.db);
  if (members.length === 0) {
    ctx.out("no members");
    return;
  }
  ctx.out(["user_id", "name", "birthdate", "first_login", "method", "email"].join("\t"));
  for (const m of members) {
    const step = m.first_login_completed_at ? "complete" : `pending: ${pendingStep(m)}`;
    ctx.out([m.user_id, m.name, m.birth_date, step, m.auth_method ?? "-", m.email ?? "-"].join("\t"));
  }
}

/** Back to the first login with a new initial password (given, or generated and printed once). */
export async function resetMemberCommand(
  ctx: CommandContext,
  userId: string,
  password?: string,
): Promise<void> {
  const member = await findMemberByUserId(ctx.db, userId);
  if (!member) throw new CommandError(`no member with user_id "${userId}"`);
  const initial = password ?? randomBytes(9).toString("base64url");
  const problems = memberInputProblems(
    { userId: member.user_id, name: member.name, birthDate: member.birth_date, initialPassword: initial },
    ctx.clock(),
  );
  if (problems.length > 0) throw new CommandError(problems.join("\n"));
  const passwordHash = await hashPassword(initial);
  // A reset usually follows a lost device: the second factors go too (resetFirstLogin), all or nothing. The
  // member hears of it at the address confirmed before the reset (the reset forgets it): the notice is
  // queued in the same transaction.
  const box = ctx.secretBox;
  const ref = `operator-reset:${member.id}`;
  const noticed = await inTransaction(ctx.db, async (trx) => {
    await resetFirstLogin(trx, member.id, passwordHash, ctx.clock().getTime());
    if (!box) return false;
    const queueMail = queueInto({ secretBox: box, clock: ctx.clock }, trx);
    const queue: QueueMail = (mail) => queueMail({ ...mail, ref });
    return queueSecurityNotice(ctx, queue, member, (locale) => t(locale, "notice.operatorReset"));
  });
  await recordSecurityEvent(
    { db: ctx.db, clock: ctx.clock },
    { memberId: member.id, type: "first-login-reset", detail: "operator" },
  );
  ctx.out(`reset ${member.user_id}: back to first login; sessions and second factors removed`);
  if (noticed && box && ctx.mailer) {
    const worker = createOutboxWorker({ db: ctx.db, mailer: ctx.mailer, secretBox: box, clock: ctx.clock });
    await worker.settle(30_000);
    await worker.stop();
    const sent = (await deliveryOf(ctx.db, ref)) === "sent";
    ctx.out(
      sent
        ? "security notice mailed to the member"
        : "security notice queued: not sent yet (see the error above); a running portal retries it",
    );
  } else if (noticed) {
    ctx.out("security notice queued: a running portal sends it");
  }
  if (!password) ctx.out(`new initial password: ${initial}`);
}

/** The mail outbox at a glance: how many mails wait, are being sent, went out, failed; the latest failures. */
export async function outboxCommand(ctx: CommandContext): Promise<void> {
  const counts = await countOutboxMails(ctx.db);
  ctx.out(
    `pending ${counts.pending}\tsending ${counts.sending}\tsent ${counts.sent}\tfailed ${counts.failed}`,
  );
  for (const mail of await listFailedOutboxMails(ctx.db, 20)) {
    const when = new Date(Number(mail.created_at)).toISOString();
    ctx.out(
      `failed\t${when}\t${mail.kind}\t${mail.member_id ?? "-"}\t${mail.attempts} attempts\t${mail.last_error ?? ""}`,
    );
  }
}

export async function addNoticeCommand(ctx: CommandContext, text: string): Promise<void> {
  const body = text.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (!body || [...body].length > 2000 || /[\u0000-\u0009\u000b-\u001f\u007f]/.test(body)) {
    throw new CommandError("the notice text must be 1–2000 characters without control characters");
  }
  await addNotice(ctx.db, body, ctx.clock().getTime());
  ctx.out("notice added");
}

export async function eventsCommand(ctx: CommandContext, userId: string): Promise<void> {
  const member = await findMemberByUserId(ctx.db, userId);
  if (!member) throw new CommandError(`no member with user_id "${userId}"`);
  const events = await listSecurityEvents(ctx.db, member.id, 200);
  if (events.length === 0) ctx.out("no events");
  for (const e of events) {
    ctx.out([new Date(e.created_at).toISOString(), e.type, e.ip ?? "-", e.detail ?? ""].join("\t"));
  }
}
