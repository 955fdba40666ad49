// Shutdown hooks (the outbox worker's drain, housekeeping): all run at once, each within the deadline; one that
// throws or overruns does not hold the others or the exit.
import { describe, expect, it } from "vitest";
import { createLifecycle } from "../../../portal/lifecycle";

describe("lifecycle", () => {
  it("drains once asked, and runs every hook once with the deadline", async () => {
    const lifecycle = createLifecycle();
    const seen: number[] = [];
    lifecycle.onShutdown((deadline) => {
      seen.push(deadline);
    });
    lifecycle.onShutdown(async () => {
      throw new Error("a failing hook");
    });
    expect(lifecycle.draining).toBe(false);
    lifecycle.beginDrain();
    expect(lifecycle.draining).toBe(true);
    const deadline = Date.now() + 1_000;
    await lifecycle.runHooks(deadline);
    await lifecycle.runHooks(deadline);
    expect(seen).toEqual([deadline]);
  });

  it("stops waiting for a hook at the deadline", async () => {
    const lifecycle = createLifecycle();
    let finished = false;
    lifecycle.onShutdown(() => new Promise<void>(() => {})); // never ends
    lifecycle.onShutdown(async () => {
      finished = true;
    });
    const start = Date.now();
    await lifecycle.runHooks(start + 200);
    expect(finished).toBe(true);
    expect(Date.now() - start).toBeGreaterThanOrEqual(190);
  });
});
