// The load balancer's probes: /healthz answers while the process lives, /readyz only while the database
// answers, every migration has run and the instance is not draining; both under any Host, with fixed words only.
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../../portal/app";
import { openDatabase } from "../../../../portal/db/database";
import { socketPeer } from "../support/test-app";
import { createTestDeps, type TestDeps } from "../support/test-deps";

const bindings = socketPeer("10.0.0.9"); // the balancer

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(() => deps.cleanup());

/** A probe as a balancer sends it: by the instance's own address, not the public host name. */
async function probe(path: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await createApp(deps).fetch(new Request(`http://10.0.0.5:8787${path}`), bindings);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text };
}

describe("health probes", () => {
  it("are ready on a migrated database, under any Host, while pages under that Host are refused", async () => {
    expect(await probe("/healthz")).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await probe("/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });
    const page = await createApp(deps).fetch(new Request("http://10.0.0.5:8787/login"), bindings);
    expect(page.status).toBe(400); // the Host check still guards every page
  });

  it("is not ready while draining (after SIGTERM), and still alive", async () => {
    deps.lifecycle.beginDrain();
    expect(await probe("/readyz")).toMatchObject({
      status: 503,
      body: { status: "unavailable", reason: "draining" },
    });
    expect((await probe("/healthz")).status).toBe(200);
  });

  it("is not ready when a migration has not run", async () => {
    await sql`DELETE FROM kysely_migration WHERE name = '003-attempts-and-recovery'`.execute(deps.db);
    expect(await probe("/readyz")).toMatchObject({ status: 503, body: { reason: "migrations" } });
  });

  it("is not ready when the database cannot be reached, and says nothing more", async () => {
    await deps.db.destroy();
    // Nothing listens on port 9 (discard): the connection is refused, as while PostgreSQL restarts.
    deps.db = openDatabase({
      dataDir: deps.config.dataDir,
      databaseUrl: "postgres://kosmo:secret@127.0.0.1:9/x",
    });
    const answer = await probe("/readyz");
    expect(answer).toMatchObject({ status: 503, body: { status: "unavailable", reason: "database" } });
    expect(answer.text).not.toMatch(/secret|kosmo|127\.0\.0\.1|ECONN/);
  });
});

describe("the database away", () => {
  it("serves the localized 503 page (ja, then en) instead of a system error", async () => {
    await deps.db.destroy();
    deps.db = openDatabase({ dataDir: deps.config.dataDir, databaseUrl: "postgres://kosmo@127.0.0.1:9/x" });
    const origin = deps.config.portalOrigin;
    const signIn = (language: string) =>
      createApp(deps).fetch(
        new Request(`${origin}/login`, {
          method: "POST",
          headers: {
            origin,
            "accept-language": language,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: "user_id=taro&password=whatever-it-is",
        }),
        bindings,
      );
    const ja = await signIn("ja");
    expect(ja.status).toBe(503);
    expect(ja.headers.get("retry-after")).toBe("5");
    expect(await ja.text()).toContain("ただいまKOSMO Webをご利用いただけません。");
    const en = await signIn("en");
    expect(await en.text()).toContain("KOSMO Web is temporarily unavailable.");
  });
});
