// Start-up: configuration, database + migrations, mail (embedded catcher in development), demo member,
// then listen. `npm start` runs this file; tests and the benchmark call `startPortal`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
  });
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

  const deps = createDeps(
    { config, db, mailer, clock: options.clock ?? (() => new Date()), catcher },
    options.outbox,
  );
  await purgeExpired(deps);
  const stopMaintenance = startMaintenance(deps);
  deps.outbox.start();
  app = createApp(deps);

  return {
    origin: config.portalOrigin,
    port,
    config,
    db,
    mail: catcher,
    deps,
    async close() {
      stopMaintenance();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      // Mails already due still go out (briefly); the rest stay queued for the next instance or start.
      await deps.outbox.drain(Date.now() + OUTBOX_DRAIN_MS);
      mailer.close();
      await catcher?.close();
      await db.destroy();
    },
  };
}

/** "port 8787 is in use: stop the other process or set PORT" instead of a bare EADDRINUSE. */
function inUse(error: unknown, what: string, variable: string): unknown {
  if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") return error;
  return new Error(`${what} is already in use: stop the other process or set ${variable} to a free port`);
}

/** How long `close` lets the outbox send what is due (graceful shutdown may call `drain` with its own deadline). */
const OUTBOX_DRAIN_MS = 5_000;

export const DEMO_USER_ID = "demo";

/** On an empty database (not in production): one demo member whose initial password is kept in DATA_DIR. */
export async function ensureDemoMember(deps: Deps): Promise<{ userId: string; password: string } | null> {
  if (deps.config.isProduction) return null;
  const file = path.join(deps.config.dataDir, "demo-member.txt");
  if ((await countMembers(deps.db)) === 0) {
    const password = `demo-${randomToken().slice(0, 12)}`;
    await insertMember(deps.db, {
      userId: DEMO_USER_ID,
      name: "デモ 太郎",
      birthDate: "1980-04-01",
      passwordHash: await hashPassword(password),
      at: deps.clock().getTime(),
    });
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
  const stop = () => {
    portal.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error) => {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
