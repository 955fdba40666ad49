// Start-up modes: production has no catcher and no /dev/mail and needs SMTP_URL; HTTPS origins get
// __Host- Secure cookies and HSTS; the demo member appears only on an empty database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../../portal/auth/password";
import { insertMember } from "../../../portal/db/members";
import { ensureDemoMember, type RunningPortal, startPortal } from "../../../portal/server";

const dirs: string[] = [];
const running: RunningPortal[] = [];
const dataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kosmo-server-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const portal of running.splice(0)) await portal.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const production = {
  NODE_ENV: "production",
  PORTAL_SECRET_KEY: "11".repeat(32),
  PORTAL_ORIGIN: "https://kosmo.example.jp",
};

describe("start-up", () => {
  it("refuses production without SMTP_URL", async () => {
    await expect(
      startPortal({ port: 0, dataDir: dataDir(), env: { ...production, SMTP_URL: "" } }),
    ).rejects.toThrow(/SMTP_URL is required/);
  });

  it("names the variable to change when the HTTP port is taken", async () => {
    const first = await startPortal({ port: 0, dataDir: dataDir(), env: { NODE_ENV: "test" } });
    running.push(first);
    await expect(
      startPortal({ port: first.port, dataDir: dataDir(), env: { NODE_ENV: "test" } }),
    ).rejects.toThrow(
      `port ${first.port} is already in use: stop the other process or set PORT to a free port`,
    );
  });

  it("has no /dev/mail and no catcher in production; HTTPS gives __Host- Secure cookies and HSTS", async () => {
    const portal = await startPortal({
      port: 0,
      dataDir: dataDir(),
      env: { ...production, SMTP_URL: "smtp://127.0.0.1:1" },
    });
    running.push(portal);
    expect(portal.mail).toBeNull();
    const base = `http://127.0.0.1:${portal.port}`;
    expect((await fetch(`${base}/dev/mail`)).status).toBe(404);
    const login = await fetch(`${base}/login`);
    expect(login.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    await insertMember(portal.deps.db, {
      userId: "prod",
      name: "",
      birthDate: "1980-01-01",
      passwordHash: await hashPassword("initial-prod-1"),
      at: 0,
    });
    const signIn = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "https://kosmo.example.jp" },
      body: new URLSearchParams({ user_id: "prod", password: "initial-prod-1" }),
    });
    expect(signIn.headers.get("set-cookie")).toMatch(
      /^__Host-kosmo_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(await ensureDemoMember(portal.deps)).toBeNull(); // never a demo member in production
  });

  it("dates its responses by its own clock, not the machine's (Node adds the machine's only when unset)", async () => {
    const aheadMs = 90_000;
    const portal = await startPortal({
      port: 0,
      dataDir: dataDir(),
      env: { NODE_ENV: "test" },
      clock: () => new Date(Date.now() + aheadMs),
    });
    running.push(portal);
    const before = Date.now();
    for (const path of ["/login", "/static/portal.css", "/no-such-page"]) {
      const response = await fetch(`http://127.0.0.1:${portal.port}${path}`, { method: "HEAD" });
      const dated = Date.parse(response.headers.get("date") ?? "");
      expect(dated - before, path).toBeGreaterThan(aheadMs - 1000);
      expect(dated - Date.now(), path).toBeLessThan(aheadMs + 1000);
    }
  });

  it("creates the demo member only on an empty database and shows its password while it is initial", async () => {
    const portal = await startPortal({ port: 0, dataDir: dataDir(), env: { NODE_ENV: "test" } });
    running.push(portal);
    expect(portal.mail).not.toBeNull();
    const demo = await ensureDemoMember(portal.deps);
    expect(demo?.userId).toBe("demo");
    expect(await ensureDemoMember(portal.deps)).toEqual(demo);
    const members = await portal.db.selectFrom("members").select("user_id").execute();
    expect(members).toEqual([{ user_id: "demo" }]);
  });
});
