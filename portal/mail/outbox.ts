// The mail outbox, the flows' side: a mail is queued in the same transaction as the change that needs it
// (`changeAndMail`), so a stored change never lacks its mail and a rolled-back one never sends it; the
// instance's worker (outbox-worker.ts) is kicked once the transaction has committed. The message is sealed
// with the secret box: the outbox holds live links and codes, and a copy of the database alone opens none.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { SecretBox } from "../auth/secret-box";
import { insertOutboxMail, latestOutboxMail, retryOutboxMailNow } from "../db/mail-outbox";
import type { Database } from "../db/schema";
import { inTransaction } from "../db/transaction";
import type { MailMessage } from "./transport";

export type MailKind = "email-verification" | "password-reset" | "user-id" | "mail-otp" | "security-notice";

export interface QueuedMail {
  kind: MailKind;
  message: MailMessage;
  /** What the mail belongs to, for the screen that reports whether it went out (e.g. "mail-otp:<session>"). */
  ref?: string;
  memberId?: string;
  /** When its link or code expires: a mail still waiting then is given up instead of sent. */
  discardAfter?: number;
}

/** Queues a mail inside the caller's transaction (`db` is that transaction); returns the message id. */
export type QueueMail = (mail: QueuedMail) => Promise<string>;

/** What the worker offers the flows: start sending now; `settle` also waits (bounded) for that round. */
export interface OutboxKick {
  kick(): void;
  /** Kicks and waits until the round that sends what is due now has ended, or `waitMs` passed. */
  settle(waitMs: number): Promise<void>;
}

export interface OutboxDeps {
  db: Kysely<Database>;
  secretBox: SecretBox;
  clock: () => Date;
  outbox: OutboxKick;
}

export const sealContextOf = (id: string): string => `mail-outbox:${id}`;

export function sealMessage(box: SecretBox, id: string, message: MailMessage): string {
  return box.seal(JSON.stringify(message), sealContextOf(id));
}

export function openMessage(box: SecretBox, id: string, sealed: string): MailMessage {
  const value = JSON.parse(box.open(sealed, sealContextOf(id))) as Partial<MailMessage>;
  if (typeof value.to !== "string" || typeof value.subject !== "string" || typeof value.text !== "string") {
    throw new Error("outbox message is not a mail");
  }
  return { to: value.to, subject: value.subject, text: value.text };
}

/** A `QueueMail` writing through `db` (a transaction, or the database for a lone mail). */
export function queueInto(deps: Pick<OutboxDeps, "secretBox" | "clock">, db: Kysely<Database>): QueueMail {
  return async (mail) => {
    const id = randomUUID();
    await insertOutboxMail(db, {
      id,
      kind: mail.kind,
      ref: mail.ref ?? null,
      memberId: mail.memberId ?? null,
      bodySealed: sealMessage(deps.secretBox, id, mail.message),
      discardAfter: mail.discardAfter ?? null,
      at: deps.clock().getTime(),
    });
    return id;
  };
}

/**
 * Runs `change` in one transaction with a `queue` for its mails, then kicks the worker. The caller decides
 * whether to wait for the send (`deps.outbox.settle`) — a screen that reports it does; a recovery answer,
 * whose timing must not tell whether the input matched, does not.
 */
export async function changeAndMail<T>(
  deps: OutboxDeps,
  change: (trx: Kysely<Database>, queue: QueueMail) => Promise<T>,
): Promise<T> {
  const result = await inTransaction(deps.db, (trx) => change(trx, queueInto(deps, trx)));
  deps.outbox.kick();
  return result;
}

export type DeliveryState = "sent" | "delayed" | "failed";

/** Whether the newest mail of `ref` went out: sent, still waiting for a retry (delayed), or given up. */
export async function deliveryOf(db: Kysely<Database>, ref: string): Promise<DeliveryState | null> {
  const latest = await latestOutboxMail(db, ref);
  if (!latest) return null;
  if (latest.status === "sent") return "sent";
  return latest.status === "failed" ? "failed" : "delayed";
}

/** 再送信 of a mail that still waits: tried again now (no second copy queued). True when one was waiting. */
export async function retryNow(deps: OutboxDeps, ref: string): Promise<boolean> {
  const waiting = await retryOutboxMailNow(deps.db, ref, deps.clock().getTime());
  if (waiting) deps.outbox.kick();
  return waiting;
}

/** How long an interactive screen waits for its mail before saying it is delayed (today's SMTP round trip). */
export const SCREEN_MAIL_WAIT_MS = 5_000;
