// Start-up: configuration, database + migrations, mail (embedded catcher in development), demo member,
// then listen. `npm start` runs this file; tests and the benchmark call `startPortal`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { Kysely } from "kysely";
import { createApp } from "./app";
import type { AppEnv } from "./app-env";
import { hashPassword } from "./auth/password";
import { randomToken } from "./auth/tokens";
import { type Config, loadConfig } from "./config";
import { openDatabase } from "./db/database";
import { countMembers, findMemberByUserId, insertMember } from "./db/members";
import { migrateToLatest } from "./db/migrate";
import type { Database } from "./db/schema";
import { createDeps, type Deps } from "./deps";
import { createLifecycle, withDeadline } from "./lifecycle";
import { type MailCatcher, startMailCatcher } from "./mail/catcher";
import type { OutboxOptions } from "./mail/outbox-worker";
import { createCatcherMailer, createSmtpMailer } from "./mail/transport";
import { purgeExpired, startMaintenance } from "./maintenance";

export interface RunningPortal {
  origin: string;
  port: number;
  config: Config;
  db: Kysely<Database>;
  /** The embedded mail catcher (null with a real SMTP_URL or in production). */
  mail: MailCatcher | null;
  deps: Deps;
  /**
   * Graceful stop (SIGTERM): stop accepting, let in-flight requests finish, then run the shutdown hooks
   * (deps.lifecycle), all within config.shutdownTimeoutMs; connections still open then are cut. Resolves with
   * how many were cut.
   */
  shutdown(): Promise<{ cutConnections: number }>;
  /** Immediate stop (tests): open connections are cut at once. */
  close(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  dataDir: string;
  env?: Partial<Record<string, string>>;
  /** Tests move time forward. */
  clock?: () => Date;
  /** Tests shorten the mail outbox's back-off. */
  outbox?: Partial<OutboxOptions>;
}

export async function startPortal(options: StartOptions): Promise<RunningPortal> {
  const env = { ...process.env, ...options.env, DATA_DIR: options.dataDir } as Record<
    string,
    string | undefined
  >;
  if (options.port !== undefined) env.PORT = String(options.port);
  const requested = loadConfig(env);

  // Listen first so that port 0 resolves, then fix the origin (cookies, CSRF and WebAuthn depend on it).
  let app: Hono<AppEnv> | null = null;
  const server = serve({
    fetch: (request, bindings) =>
      app ? app.fetch(request, bindings) : new Response("starting", { status: 503 }),
    port: requested.port,
    ...(requested.host ? { hostname: requested.host } : {}),
  }) as Server; // plain HTTP/1.1 (no createServer option): closeIdleConnections and the like are there
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once("listening", () => resolve());
    server.once("error", (error) => reject(inUse(error, `port ${requested.port}`, "PORT")));
  });
  const port = (server.address() as AddressInfo).port;
  const config = env.PORTAL_ORIGIN ? requested : loadConfig({ ...env, PORT: String(port) });

  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
  } catch (error) {
    server.close();
    await db.destroy();
    throw error;
  }

  let catcher: MailCatcher | null = null;
  let mailer: Deps["mailer"] & { close(): void };
  if (config.smtpUrl) {
    mailer = createSmtpMailer(config.smtpUrl, config.mailFrom);
  } else {
    // Tests (port 0) get a catcher on a random port; `npm start` uses 2525 (MAIL_CATCHER_PORT).
    try {
      catcher = await startMailCatcher(options.port === 0 ? 0 : config.catcherPort);
    } catch (error) {
      server.close();
      await db.destroy();
      throw inUse(error, `mail catcher port ${config.catcherPort}`, "MAIL_CATCHER_PORT");
    }
    mailer = createCatcherMailer(catcher.port, config.mailFrom);
  }

  const lifecycle = createLifecycle();
  const deps = createDeps(
    { config, db, mailer, clock: options.clock ?? (() => new Date()), catcher, lifecycle },
    options.outbox,
  );
  await purgeExpired(deps);
  lifecycle.onShutdown(startMaintenance(deps));
  deps.outbox.start();
  // Mails already due still go out until the deadline; the rest stay queued for another instance or the next start.
  lifecycle.onShutdown((deadline) => deps.outbox.drain(deadline));
  app = createApp(deps);

  /** Requests in flight may run until `deadline`, background work (shutdown hooks) until `hooksDeadline`. */
  const stop = async (deadline: number, hooksDeadline = deadline): Promise<{ cutConnections: number }> => {
    lifecycle.beginDrain();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections with no request in flight end now; busy ones end after their response
    // (app.ts answers with Connection: close while draining).
    server.closeIdleConnections();
    let cutConnections = 0;
    await withDeadline(closed, deadline).catch(async () => {
      cutConnections = await openConnections(server);
      server.closeAllConnections();
      await closed;
    });
    await lifecycle.runHooks(hooksDeadline);
    mailer.close();
    await catcher?.close();
    await db.destroy();
    return { cutConnections };
  };

  return {
    origin: config.portalOrigin,
    port,
    config,
    db,
    mail: catcher,
    deps,
    shutdown: () => stop(Date.now() + config.shutdownTimeoutMs),
    async close() {
      await stop(Date.now(), Date.now() + OUTBOX_DRAIN_MS);
    },
  };
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((_error, count) => resolve(count ?? 0)));
}

/** "port 8787 is in use: stop the other process or set PORT" instead of a bare EADDRINUSE. */
function inUse(error: unknown, what: string, variable: string): unknown {
  if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") return error;
  return new Error(`${what} is already in use: stop the other process or set ${variable} to a free port`);
}

/** How long `close` lets the outbox send what is due (a graceful `shutdown` gives it SHUTDOWN_TIMEOUT_MS). */
const OUTBOX_DRAIN_MS = 5_000;

export const DEMO_USER_ID = "demo";

/** On an empty database (not in production): one demo member whose initial password is kept in DATA_DIR. */
export async function ensureDemoMember(deps: Deps): Promise<{ userId: string; password: string } | null> {
  if (deps.config.isProduction) return null;
  const file = path.join(deps.config.dataDir, "demo-member.txt");
  if ((await countMembers(deps.db)) === 0) {
    const password = `demo-${randomToken().slice(0, 12)}`;
    try {
      await insertMember(deps.db, {
        userId: DEMO_USER_ID,
        name: "デモ 太郎",
        birthDate: "1980-04-01",
        passwordHash: await hashPassword(password),
        at: deps.clock().getTime(),
      });
    } catch (error) {
      // Two instances started at once on one empty database: the other one made the demo member.
      if (await findMemberByUserId(deps.db, DEMO_USER_ID)) return null;
      throw error;
    }
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    return { userId: DEMO_USER_ID, password };
  }
  const demo = await findMemberByUserId(deps.db, DEMO_USER_ID);
  if (demo?.password_is_initial === 1 && existsSync(file)) {
    return { userId: DEMO_USER_ID, password: readFileSync(file, "utf8").trim() };
  }
  return null;
}

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? "./data";
  const portal = await startPortal({ dataDir });
  const root = path.resolve(import.meta.dirname, "..");
  const demo = await ensureDemoMember(portal.deps);
  const lines = [
    "",
    `KOSMO Web portal: ${portal.origin}  (listening on port ${portal.port}, data in ${portal.config.dataDir}${portal.config.databaseUrl ? ", PostgreSQL" : ", SQLite"})`,
  ];
  if (portal.mail)
    lines.push(`Mail catcher: smtp://127.0.0.1:${portal.mail.port} — inbox at ${portal.origin}/dev/mail`);
  if (demo) {
    lines.push(
      `Demo member: user ID "${demo.userId}", initial password "${demo.password}", birth date 1980-04-01`,
    );
  }
  lines.push("Extension (load unpacked, or use the zips):");
  for (const item of [".output/chrome-mv3", ".output/edge-mv3"]) {
    const dir = path.join(root, item);
    lines.push(`  ${dir}${existsSync(dir) ? "" : "  (not built)"}`);
  }
  const output = path.join(root, ".output");
  if (existsSync(output)) {
    const { readdirSync } = await import("node:fs");
    for (const zip of readdirSync(output).filter((name) => name.endsWith(".zip"))) {
      lines.push(`  ${path.join(output, zip)}`);
    }
  }
  lines.push(
    "Operator CLI: npm run members -- add|import|list|reset|notice add|events  (see portal/README.md)",
    "",
  );
  console.log(lines.join("\n"));
  // SIGTERM (an orchestrator, a deploy) or Ctrl+C: drain within SHUTDOWN_TIMEOUT_MS and exit 0. A second
  // signal does not wait any longer.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(0);
    stopping = true;
    console.log(`${signal}: finishing requests in flight (at most ${portal.config.shutdownTimeoutMs} ms)`);
    portal
      .shutdown()
      .then(({ cutConnections }) => {
        if (cutConnections > 0) console.error(`stopped: ${cutConnections} connection(s) cut at the deadline`);
        else console.log("stopped");
      })
      .catch((error: unknown) => {
        console.error("shutdown failed:", error instanceof Error ? error.message : error);
      })
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error) => {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
