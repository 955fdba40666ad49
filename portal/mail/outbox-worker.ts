// The outbox's sender, one per portal instance: a round claims the due messages (db/mail-outbox.ts: one
// conditional update, so across instances each message has one sender), sends each through the mailer and
// marks it sent (body dropped), to be retried with exponential back-off, or failed after `maxAttempts` (kept
// without its body for the operator). A round starts when a flow kicks the worker after its commit — so a
// mail goes out as soon as before the outbox — and every `pollMs` for the retries. `drain(deadline)` is the
// graceful shutdown's: no new polling, what is due is still sent until the deadline.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { SecretBox } from "../auth/secret-box";
import {
  claimDueMails,
  discardExpiredMails,
  markMailFailed,
  markMailRetry,
  markMailSent,
} from "../db/mail-outbox";
import type { Database, OutboxMail } from "../db/schema";
import { type OutboxKick, openMessage } from "./outbox";
import { describeMailError, isPermanentMailError, type Mailer } from "./transport";

export interface OutboxOptions {
  /** How often the worker looks for retries that came due (and claims of crashed instances). */
  pollMs: number;
  /** The first retry waits this long; each later one twice as long (±20 %), up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts (claims) before a message is given up as failed. */
  maxAttempts: number;
  /** How long a claim holds: a message whose sender died is taken again after this. Longer than a send. */
  leaseMs: number;
  /** Messages claimed (and sent concurrently) per step of a round. */
  batch: number;
}

/** 15 attempts from 5 s doubling to 15 min: about two hours before a mail is given up. */
export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  pollMs: 1_000,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  maxAttempts: 15,
  leaseMs: 5 * 60_000,
  batch: 10,
};

export interface OutboxWorker extends OutboxKick {
  /** Starts polling for retries (the server does; tests that only kick need not). */
  start(): void;
  /** Stops polling and lets rounds send what is due until `deadline` (epoch ms); resolves by then. */
  drain(deadline: number): Promise<void>;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

interface WorkerDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  secretBox: SecretBox;
  clock: () => Date;
}

/** The wait before the retry after `attempts` failed attempts: base·2^(attempts−1), capped, ±20 % jitter. */
export function retryDelayMs(attempts: number, options: OutboxOptions, random: () => number = Math.random) {
  const plain = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

export function createOutboxWorker(deps: WorkerDeps, overrides: Partial<OutboxOptions> = {}): OutboxWorker {
  const options = { ...DEFAULT_OUTBOX_OPTIONS, ...overrides };
  const at = () => deps.clock().getTime();
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let closing = false;
  let deadline = Number.POSITIVE_INFINITY;

  async function send(mail: OutboxMail, token: string): Promise<void> {
    const claim = { id: mail.id, token };
    let message: ReturnType<typeof openMessage>;
    try {
      if (mail.body_sealed === null) throw new Error("no body");
      message = openMessage(deps.secretBox, mail.id, mail.body_sealed);
    } catch {
      // Sealed under another key, or altered: no attempt can ever send it.
      await markMailFailed(deps.db, { ...claim, error: "body cannot be opened (secret key?)" });
      console.error(`outbox: mail ${mail.id} (${mail.kind}) failed: its body cannot be opened`);
      return;
    }
    try {
      await deps.mailer.send(message);
    } catch (error) {
      const reason = describeMailError(error);
      const attempts = Number(mail.attempts);
      if (isPermanentMailError(error) || attempts >= options.maxAttempts) {
        await markMailFailed(deps.db, { ...claim, error: reason });
        console.error(`outbox: mail ${mail.id} (${mail.kind}) failed after ${attempts} attempts: ${reason}`);
        return;
      }
      const delay = retryDelayMs(attempts, options);
      await markMailRetry(deps.db, { ...claim, nextAttemptAt: at() + delay, error: reason });
      console.error(
        `outbox: mail ${mail.id} (${mail.kind}) not sent (attempt ${attempts}/${options.maxAttempts}), retry in ${Math.round(delay / 1000)} s: ${reason}`,
      );
      return;
    }
    await markMailSent(deps.db, { ...claim, at: at() });
  }

  async function round(): Promise<void> {
    await discardExpiredMails(deps.db, at());
    while (!(closing && Date.now() >= deadline)) {
      const token = randomUUID();
      const claimed = await claimDueMails(deps.db, {
        at: at(),
        leaseMs: options.leaseMs,
        limit: options.batch,
        token,
      });
      await Promise.all(claimed.map((mail) => send(mail, token)));
      if (claimed.length < options.batch) return;
    }
  }

  async function rounds(): Promise<void> {
    do {
      again = false;
      try {
        await round();
      } catch (error) {
        // The database may be away for a moment: the next kick or poll tries again.
        console.error("outbox: round failed:", error instanceof Error ? error.message : error);
      }
    } while (again && !(closing && Date.now() >= deadline));
    running = null;
  }

  function kick(): void {
    if (running) {
      again = true;
      return;
    }
    running = rounds();
  }

  function stopPolling(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  return {
    kick,
    async settle(waitMs) {
      kick();
      const current = running;
      if (!current) return;
      let waiting: NodeJS.Timeout | undefined;
      await Promise.race([current, new Promise<void>((resolve) => (waiting = setTimeout(resolve, waitMs)))]);
      clearTimeout(waiting);
    },
    start() {
      if (timer || closing) return;
      timer = setInterval(kick, options.pollMs);
      timer.unref();
      kick();
    },
    async drain(until) {
      closing = true;
      deadline = until;
      stopPolling();
      kick(); // what is due now still goes out
      const current = running;
      if (!current) return;
      let waiting: NodeJS.Timeout | undefined;
      const left = Math.max(0, until - Date.now());
      await Promise.race([current, new Promise<void>((resolve) => (waiting = setTimeout(resolve, left)))]);
      clearTimeout(waiting);
    },
    async stop() {
      closing = true;
      deadline = Date.now();
      stopPolling();
      await running;
    },
  };
}
