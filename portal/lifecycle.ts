// One portal instance's life behind a load balancer: while it drains (after SIGTERM) /readyz says so and
// every response closes its connection, so the balancer moves new work to the other instances. Background
// work (the mail outbox's worker, the hourly housekeeping) registers how to finish itself in `onShutdown`;
// server.ts runs those hooks once the in-flight requests are done, within SHUTDOWN_TIMEOUT_MS.

/** Finishes or abandons one piece of background work; `deadline` is a Date.now() value not to go past. */
export type ShutdownHook = (deadline: number) => Promise<void> | void;

export interface Lifecycle {
  /** True from the start of a shutdown: no new work should start here. */
  readonly draining: boolean;
  onShutdown(hook: ShutdownHook): void;
  /** Marks the instance draining (idempotent). */
  beginDrain(): void;
  /** Runs every hook at once, each bounded by `deadline`; a hook that throws or overruns is logged, not awaited further. */
  runHooks(deadline: number): Promise<void>;
}

export function createLifecycle(): Lifecycle {
  const hooks: ShutdownHook[] = [];
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    onShutdown(hook) {
      hooks.push(hook);
    },
    beginDrain() {
      draining = true;
    },
    async runHooks(deadline) {
      await Promise.all(
        hooks.splice(0).map((hook) =>
          withDeadline(
            Promise.resolve().then(() => hook(deadline)),
            deadline,
          ).catch((error: unknown) => {
            console.error("shutdown hook failed:", error instanceof Error ? error.message : error);
          }),
        ),
      );
    },
  };
}

/** `work`, or a rejection when `deadline` comes first (the timer never keeps the process alive). */
export function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("shutdown deadline passed")),
      Math.max(0, deadline - Date.now()),
    );
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
