// Environment variables, validated once at start-up. Everything else reads the typed `Config`.
import { mkdirSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { parseTrustedProxies, type TrustedProxies } from "./auth/client-address";
import { parseSecretKey, readOrCreateKeyFile, SECRET_KEY_FILE } from "./auth/secret-box";

export type NodeEnv = "development" | "production" | "test";

export interface Config {
  port: number;
  /** Interface to listen on (HOST): 127.0.0.1 outside production, every interface in production. */
  host: string | undefined;
  dataDir: string;
  nodeEnv: NodeEnv;
  isProduction: boolean;
  /** SMTP server for outgoing mail; unset outside production means "start the embedded catcher". */
  smtpUrl: string | null;
  /**
   * The public origin members use (also the WebAuthn origin); https → Secure `__Host-` cookies and HSTS. A
   * request for any other Host is refused, and state changes must come from this origin (CSRF).
   */
  portalOrigin: string;
  secureCookies: boolean;
  /** postgres://… selects PostgreSQL; otherwise SQLite in DATA_DIR/portal.sqlite. */
  databaseUrl: string | null;
  /** 32-byte key for encrypting secrets at rest (PORTAL_SECRET_KEY, hex or base64). */
  secretKey: Buffer;
  mailFrom: string;
  /** Port of the embedded mail catcher (development only); 0 = random. */
  catcherPort: number;
  /** Reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY); null = the socket peer is the client. */
  trustedProxies: TrustedProxies | null;
  /** After SIGTERM, how long in-flight requests and background work (shutdown hooks) may take (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {}

type Env = Partial<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  const isProduction = nodeEnv === "production";
  const port = parsePort(env.PORT ?? "8787", "PORT");
  const dataDir = path.resolve(env.DATA_DIR ?? "./data");
  const portalOrigin = parseOrigin(env.PORTAL_ORIGIN ?? `http://localhost:${port}`);
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new ConfigError("SMTP_URL must start with smtp:// or smtps://");
  if (isProduction && !smtpUrl) {
    throw new ConfigError(
      "SMTP_URL is required when NODE_ENV=production (the mail catcher is for development only)",
    );
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must be a postgres:// URL (leave it unset for SQLite in DATA_DIR)");
  }
  return {
    port,
    host: parseHost(env.HOST, isProduction),
    dataDir,
    nodeEnv,
    isProduction,
    smtpUrl,
    portalOrigin,
    secureCookies: portalOrigin.startsWith("https://"),
    databaseUrl,
    secretKey: loadSecretKey(env.PORTAL_SECRET_KEY, dataDir, isProduction),
    mailFrom: env.MAIL_FROM?.trim() || "KOSMO Web <no-reply@kosmo-web.example>",
    catcherPort: parsePort(env.MAIL_CATCHER_PORT ?? "2525", "MAIL_CATCHER_PORT"),
    trustedProxies: parseTrustProxy(env.TRUST_PROXY),
    shutdownTimeoutMs: parseDuration(env.SHUTDOWN_TIMEOUT_MS ?? "20000", "SHUTDOWN_TIMEOUT_MS"),
  };
}

function parseTrustProxy(value: string | undefined): TrustedProxies | null {
  if (!value?.trim()) return null;
  try {
    return parseTrustedProxies(value);
  } catch (error) {
    throw new ConfigError(`TRUST_PROXY: ${(error as Error).message}`);
  }
}

/**
 * Development serves /dev/mail (reset links and codes without sign-in): it listens on the loopback interface
 * unless HOST names another. Production listens on every interface (behind its reverse proxy) unless HOST.
 */
function parseHost(value: string | undefined, isProduction: boolean): string | undefined {
  const host = value?.trim();
  if (host) {
    if (isIP(host) === 0 && !/^[a-z0-9.-]+$/i.test(host))
      throw new ConfigError(`HOST must be an IP address or host name (got "${host}")`);
    return host;
  }
  return isProduction ? undefined : "127.0.0.1";
}

function parseNodeEnv(value: string | undefined): NodeEnv {
  if (value === undefined || value === "" || value === "development") return "development";
  if (value === "production" || value === "test") return value;
  throw new ConfigError(`NODE_ENV must be development, production or test (got "${value}")`);
}

function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError(`${name} must be a port number 0–65535`);
  return port;
}

function parseDuration(value: string, name: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms > 10 * 60_000)
    throw new ConfigError(`${name} must be a number of milliseconds, 0–600000 (got "${value}")`);
  return ms;
}

function parseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError("PORTAL_ORIGIN must be an absolute URL such as https://portal.example.jp");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError("PORTAL_ORIGIN must be http(s)");
  return url.origin;
}

/**
 * Production needs an explicit key; development keeps a generated one in DATA_DIR so restarts can decrypt.
 * The file is created atomically with mode 0600 and never overwritten (auth/secret-box.ts).
 */
function loadSecretKey(value: string | undefined, dataDir: string, isProduction: boolean): Buffer {
  if (value?.trim()) {
    try {
      return parseSecretKey(value);
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
  }
  if (isProduction)
    throw new ConfigError("PORTAL_SECRET_KEY (32 bytes, hex or base64) is required in production");
  mkdirSync(dataDir, { recursive: true });
  try {
    return readOrCreateKeyFile(dataDir);
  } catch (error) {
    throw new ConfigError(
      `cannot read or create ${SECRET_KEY_FILE} in DATA_DIR: ${(error as Error).message}`,
    );
  }
}
