// Start-up modes: production has no catcher and no /dev/mail and needs SMTP_URL; HTTPS origins get
// __Host- Secure cookies and HSTS; the demo member appears only on an empty database; development listens on
// the loopback interface only, and every mode refuses a Host that is not PORTAL_ORIGIN's.
import http from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../../portal/auth/password";
import { insertMember } from "../../../portal/db/members";
import { ensureDemoMember, type RunningPortal, startPortal } from "../../../portal/server";
import { tempDirsPerTest } from "../support/temp-dirs";

const dataDir = tempDirsPerTest("kosmo-server-");
const running: RunningPortal[] = [];
afterEach(async () => {
  for (const portal of running.splice(0)) await portal.close();
});

/** One request with the Host header we choose (fetch always writes the URL's own). */
function requestWithHost(
  port: number,
  host: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.method ?? "GET",
        headers: { ...options.headers, host },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

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
    const host = "kosmo.example.jp";
    expect((await requestWithHost(portal.port, host, "/dev/mail")).status).toBe(404);
    const login = await requestWithHost(portal.port, host, "/login");
    expect(login.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    await insertMember(portal.deps.db, {
      userId: "prod",
      name: "",
      birthDate: "1980-01-01",
      passwordHash: await hashPassword("initial-prod-1"),
      at: 0,
    });
    const signIn = await requestWithHost(portal.port, host, "/login", {
      method: "POST",
      headers: { origin: "https://kosmo.example.jp", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ user_id: "prod", password: "initial-prod-1" }).toString(),
    });
    expect(signIn.headers["set-cookie"]?.[0]).toMatch(
      /^__Host-kosmo_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    // The address it listens on is not the published one: refused, whatever the path.
    const direct = await requestWithHost(portal.port, `127.0.0.1:${portal.port}`, "/login");
    expect(direct.status).toBe(400);
    expect(direct.body).toContain("このアドレスではご利用いただけません");
    expect(await ensureDemoMember(portal.deps)).toBeNull(); // never a demo member in production
  });

  it("listens on 127.0.0.1 in development unless HOST says otherwise; all interfaces in production", async () => {
    const development = await startPortal({
      port: 0,
      dataDir: dataDir(),
      env: { NODE_ENV: "development", MAIL_CATCHER_PORT: "0" },
    });
    running.push(development);
    expect(development.config.host).toBe("127.0.0.1");
    // From another interface of this machine (what another computer on the LAN would reach): refused.
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === "IPv4" && !entry.internal);
    const reach = (host: string) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host, port: development.port }, () => {
          socket.destroy();
          resolve("connected");
        });
        socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      });
    expect(await reach("127.0.0.1")).toBe("connected");
    if (lan) expect(await reach(lan.address)).toBe("ECONNREFUSED");
    const chosen = await startPortal({
      port: 0,
      dataDir: dataDir(),
      env: { NODE_ENV: "test", HOST: "::1" },
    });
    running.push(chosen);
    expect(chosen.config.host).toBe("::1");
    const prod = await startPortal({
      port: 0,
      dataDir: dataDir(),
      env: { ...production, SMTP_URL: "smtp://127.0.0.1:1" },
    });
    running.push(prod);
    expect(prod.config.host).toBeUndefined();
  });

  it("refuses every request whose Host is not the configured origin's, in development too (/dev/mail, DNS rebinding)", async () => {
    const portal = await startPortal({ port: 0, dataDir: dataDir(), env: { NODE_ENV: "test" } });
    running.push(portal);
    const own = `localhost:${portal.port}`;
    expect((await requestWithHost(portal.port, own, "/dev/mail")).status).toBe(200);
    for (const host of [
      `attacker.example:${portal.port}`,
      `127.0.0.1:${portal.port}`,
      "localhost",
      `LOCALHOST:${portal.port}x`,
    ]) {
      const refused = await requestWithHost(portal.port, host, "/dev/mail");
      expect(refused.status, host).toBe(400);
      expect(refused.body).not.toContain("dev/mail/");
    }
    // CSRF compares with PORTAL_ORIGIN, not with the Host the request names.
    const forged = await requestWithHost(portal.port, own, "/login", {
      method: "POST",
      headers: {
        origin: `http://attacker.example:${portal.port}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "user_id=x&password=y",
    });
    expect(forged.status).toBe(403);
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
      const response = await fetch(`${portal.origin}${path}`, { method: "HEAD" });
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

  it("makes one demo member when two instances start at once on one empty database", async () => {
    const portal = await startPortal({ port: 0, dataDir: dataDir(), env: { NODE_ENV: "test" } });
    running.push(portal);
    const other = { ...portal.deps, config: { ...portal.deps.config, dataDir: dataDir() } };
    const made = await Promise.all([ensureDemoMember(portal.deps), ensureDemoMember(other)]);
    expect(made.filter((demo) => demo !== null)).toHaveLength(1);
    const members = await portal.db.selectFrom("members").select("user_id").execute();
    expect(members).toEqual([{ user_id: "demo" }]);
  });
});
