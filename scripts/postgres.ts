// The PostgreSQL half of `npm test` needs a server. Use the one at 127.0.0.1:5432 (trust authentication,
// database `test`) when it answers; otherwise start Debian's `postgresql` cluster when it is installed (and,
// as root, give it the role and database the tests use); otherwise say loudly that the half is skipped.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { userInfo } from "node:os";
import pg from "pg";

export interface PostgresServer {
  /** The URL the tests use (TEST_DATABASE_URL); the test helpers make throwaway schemas under it. */
  url: string;
}

const role = process.env.PGUSER ?? process.env.USER ?? userInfo().username;
const tcpUrl = process.env.TEST_DATABASE_URL ?? `postgres://${role}@127.0.0.1:5432/test`;

/** The server for the PostgreSQL half, or null after saying why it is skipped. */
export async function ensurePostgres(): Promise<PostgresServer | null> {
  if (await answers(tcpUrl)) return { url: tcpUrl };
  if (!/^[a-z_][a-z0-9_]*$/i.test(role)) return skipped(`"${role}" is not a role name this script creates`);
  if (process.env.TEST_DATABASE_URL) return skipped(`TEST_DATABASE_URL (${tcpUrl}) does not answer`);
  const started = startDebianCluster();
  if (started) return skipped(started);
  for (let i = 0; i < 40; i++) {
    if (await answers(tcpUrl)) return { url: tcpUrl };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // A fresh Debian cluster asks for a password over TCP; as the same-named OS user its socket needs none.
  const socketUrl = `postgres://${role}@/test?host=/var/run/postgresql`;
  if (await answers(socketUrl)) return { url: socketUrl };
  return skipped(`the Debian cluster started, but neither ${tcpUrl} nor ${socketUrl} lets ${role} in`);
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Starts the cluster and creates the role and database; returns why it could not, or null. */
function startDebianCluster(): string | null {
  if (!existsSync("/etc/postgresql"))
    return "nothing listens at 127.0.0.1:5432 and Debian's postgresql is not installed (apt-get install postgresql)";
  const version = readdirSync("/etc/postgresql")[0];
  if (!version) return "/etc/postgresql holds no cluster";
  console.log(`▶ starting PostgreSQL ${version} (pg_ctlcluster ${version} main start)`);
  const start = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], {
    stdio: "inherit",
  });
  if (start.status !== 0) return `pg_ctlcluster ${version} main start failed (exit ${start.status})`;
  if (userInfo().uid !== 0) return null; // the role and database must already exist
  const psql = (sql: string) =>
    execFileSync("runuser", ["-u", "postgres", "--", "psql", "-tAc", sql], { encoding: "utf8" }).trim();
  try {
    if (psql(`SELECT 1 FROM pg_roles WHERE rolname = '${role}'`) !== "1")
      psql(`CREATE ROLE "${role}" SUPERUSER LOGIN`);
    if (psql("SELECT 1 FROM pg_database WHERE datname = 'test'") !== "1")
      psql(`CREATE DATABASE test OWNER "${role}"`);
  } catch (error) {
    return `cannot create the role or database test: ${(error as Error).message}`;
  }
  return null;
}

function skipped(why: string): null {
  const bar = "!".repeat(78);
  console.error(
    `\n${bar}\n!! PostgreSQL half SKIPPED: ${why}\n!! The portal's tests ran on SQLite only. CI must run both.\n${bar}\n`,
  );
  return null;
}
