import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../portal/config";
import { tempDirsPerTest } from "../support/temp-dirs";

const dataDir = tempDirsPerTest("kosmo-config-");

describe("configuration", () => {
  it("defaults to port 8787, ./data-style DATA_DIR and http://localhost:8787", () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.port).toBe(8787);
    expect(config.portalOrigin).toBe("http://localhost:8787");
    expect(config.secureCookies).toBe(false);
    expect(config.smtpUrl).toBeNull();
    expect(config.secretKey).toHaveLength(32);
  });

  it("refuses production without SMTP_URL (no mail catcher there) or without a secret key", () => {
    const base = { NODE_ENV: "production", DATA_DIR: dataDir(), PORTAL_SECRET_KEY: "ab".repeat(32) };
    expect(() => loadConfig(base)).toThrow(/SMTP_URL is required/);
    expect(() =>
      loadConfig({ ...base, SMTP_URL: "smtp://mail.example.jp:587", PORTAL_SECRET_KEY: "" }),
    ).toThrow(ConfigError);
    const config = loadConfig({
      ...base,
      SMTP_URL: "smtp://mail.example.jp:587",
      PORTAL_ORIGIN: "https://kosmo.example.jp",
    });
    expect(config.isProduction).toBe(true);
    expect(config.secureCookies).toBe(true);
  });

  it("rejects malformed values with a clear message", () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), PORT: "http" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: "mysql://x" })).toThrow(/postgres/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), PORTAL_SECRET_KEY: "short" })).toThrow(/32 bytes/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), SHUTDOWN_TIMEOUT_MS: "20s" })).toThrow(
      /SHUTDOWN_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), SHUTDOWN_TIMEOUT_MS: "600001" })).toThrow(/0–600000/);
  });

  it("gives a draining instance 20 s unless SHUTDOWN_TIMEOUT_MS says otherwise", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).shutdownTimeoutMs).toBe(20_000);
    expect(loadConfig({ DATA_DIR: dataDir(), SHUTDOWN_TIMEOUT_MS: "5000" }).shutdownTimeoutMs).toBe(5_000);
  });

  it("trusts no proxy unless TRUST_PROXY lists it, and names a bad entry", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustedProxies).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: " " }).trustedProxies).toBeNull();
    const trusted = loadConfig({
      DATA_DIR: dataDir(),
      TRUST_PROXY: "127.0.0.1,10.0.0.0/8,::1",
    }).trustedProxies;
    expect(trusted?.check("10.20.30.40", "ipv4")).toBe(true);
    expect(trusted?.check("::1", "ipv6")).toBe(true);
    expect(trusted?.check("192.0.2.1", "ipv4")).toBe(false);
    expect(() => loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "127.0.0.1,proxy.internal" })).toThrow(
      new ConfigError(
        'TRUST_PROXY: "proxy.internal" is not an IP address or CIDR network (expected e.g. 127.0.0.1,10.0.0.0/8,::1)',
      ),
    );
  });
});
