import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  createSecretBox,
  parseSecretKey,
  readOrCreateKeyFile,
  SECRET_KEY_FILE,
} from "../../../../portal/auth/secret-box";
import { constantTimeEqual } from "../../../../portal/auth/tokens";
import { loadConfig } from "../../../../portal/config";
import { tempDirsPerTest } from "../../support/temp-dirs";

const key = Buffer.alloc(32, 7);
const tempDir = tempDirsPerTest("kosmo-secret-box-");

describe("secret box", () => {
  it("round-trips a secret and never stores it in clear", () => {
    const box = createSecretBox(key);
    const sealed = box.seal("JBSWY3DPEHPK3PXP", "totp:1");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(box.open(sealed, "totp:1")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("uses a fresh nonce each time", () => {
    const box = createSecretBox(key);
    expect(box.seal("same", "c")).not.toBe(box.seal("same", "c"));
  });

  it("refuses another context, another key, a tampered value and an unknown version", () => {
    const box = createSecretBox(key);
    const sealed = box.seal("secret", "totp:1");
    expect(() => box.open(sealed, "totp:2")).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed, "totp:1")).toThrow();
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => box.open(`v1.${bytes.toString("base64url")}`, "totp:1")).toThrow();
    expect(() => box.open(`v2.${sealed.slice(3)}`, "totp:1")).toThrow();
    expect(() => box.open("v1.AAAA", "totp:1")).toThrow();
  });

  it("gives keyed hashes that depend on key, purpose and value", () => {
    const box = createSecretBox(key);
    const mac = box.mac("mail-otp", "123456");
    expect(constantTimeEqual(mac, box.mac("mail-otp", "123456"))).toBe(true);
    expect(constantTimeEqual(mac, box.mac("mail-otp", "123457"))).toBe(false);
    expect(constantTimeEqual(mac, box.mac("other", "123456"))).toBe(false);
    expect(constantTimeEqual(mac, createSecretBox(Buffer.alloc(32, 9)).mac("mail-otp", "123456"))).toBe(
      false,
    );
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => createSecretBox(Buffer.alloc(16))).toThrow();
    expect(() => parseSecretKey("abcd")).toThrow();
    expect(parseSecretKey("ab".repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(parseSecretKey(Buffer.alloc(32, 3).toString("base64url"))).toEqual(Buffer.alloc(32, 3));
  });
});

describe("secret key loading", () => {
  it("prefers PORTAL_SECRET_KEY and writes no file then", () => {
    const dir = tempDir();
    const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dir, PORTAL_SECRET_KEY: "01".repeat(32) });
    expect(config.secretKey).toEqual(Buffer.alloc(32, 1));
    expect(() => statSync(path.join(dir, SECRET_KEY_FILE))).toThrow();
  });

  it("creates the key file once with mode 0600 and reuses it afterwards", () => {
    const dir = tempDir();
    const first = readOrCreateKeyFile(dir);
    const file = path.join(dir, SECRET_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const content = readFileSync(file, "utf8");
    expect(readOrCreateKeyFile(dir)).toEqual(first);
    expect(readFileSync(file, "utf8")).toBe(content);
  });

  it("never overwrites an existing key file", () => {
    const dir = tempDir();
    const file = path.join(dir, SECRET_KEY_FILE);
    writeFileSync(file, `${Buffer.alloc(32, 5).toString("base64")}\n`, { mode: 0o600 });
    expect(readOrCreateKeyFile(dir)).toEqual(Buffer.alloc(32, 5));
  });

  it("fails loudly on a corrupt key file instead of replacing it", () => {
    const dir = tempDir();
    const file = path.join(dir, SECRET_KEY_FILE);
    writeFileSync(file, "garbage", { mode: 0o600 });
    expect(() => readOrCreateKeyFile(dir)).toThrow();
    expect(readFileSync(file, "utf8")).toBe("garbage");
  });
});
