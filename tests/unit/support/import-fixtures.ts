// Backup files of other authenticators, written the way each app writes them (layouts in
// shared/research/extension-anchors.md §5). The cryptography is Node's own (node:crypto scrypt, PBKDF2,
// AES-GCM, AES-CBC, MD5) and @node-rs/argon2, not the hash-wasm/WebCrypto code under test, so a parser that
// derives or decrypts differently from the app fails here.
import { createCipheriv, createHash, pbkdf2Sync, randomBytes, scryptSync } from "node:crypto";
import { hashRaw } from "@node-rs/argon2";

export const KEY_A = "JBSWY3DPEHPK3PXP";
export const KEY_B = "KRSXG5CTMVRXEZLU";
export const KEY_C = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

function gcm(key: Buffer, iv: Buffer, plain: Buffer): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

// ---- Aegis ----------------------------------------------------------------------------------------------

export interface AegisEntry {
  type?: string;
  name: string;
  issuer: string;
  secret: string;
  algo?: string;
  digits?: number;
  period?: number;
  counter?: number;
}

export function aegisEntries(entries: AegisEntry[]) {
  return entries.map(
    ({ type = "totp", name, issuer, secret, algo = "SHA1", digits = 6, period, counter }) => ({
      type,
      uuid: crypto.randomUUID(),
      name,
      issuer,
      note: "",
      favorite: false,
      icon: null,
      info:
        type === "hotp"
          ? { secret, algo, digits, counter: counter ?? 0 }
          : { secret, algo, digits, period: period ?? 30 },
      groups: [],
    }),
  );
}

export function aegisPlain(entries: AegisEntry[]): string {
  return JSON.stringify({
    version: 1,
    header: { slots: null, params: null },
    db: { version: 3, entries: aegisEntries(entries), groups: [] },
  });
}

/** An encrypted Aegis vault: a random master key wrapped by scrypt(password) in one password slot. */
export function aegisEncrypted(
  entries: AegisEntry[],
  password: string,
  scrypt: { n: number; r: number; p: number } = { n: 32768, r: 8, p: 1 },
): string {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const { n: N, r, p } = scrypt; // Node spells the cost N
  const slotKey = scryptSync(Buffer.from(password, "utf8"), salt, 32, { N, r, p, maxmem: 256 * 1024 * 1024 });
  const keyNonce = randomBytes(12);
  const wrapped = gcm(slotKey, keyNonce, masterKey);
  const dbNonce = randomBytes(12);
  const db = gcm(
    masterKey,
    dbNonce,
    Buffer.from(JSON.stringify({ version: 3, entries: aegisEntries(entries) })),
  );
  return JSON.stringify({
    version: 1,
    header: {
      slots: [
        { type: 2, uuid: crypto.randomUUID(), key: randomBytes(32).toString("hex"), key_params: {} },
        {
          type: 1,
          uuid: crypto.randomUUID(),
          key: wrapped.ciphertext.toString("hex"),
          key_params: { nonce: keyNonce.toString("hex"), tag: wrapped.tag.toString("hex") },
          ...scrypt,
          salt: salt.toString("hex"),
          repaired: true,
        },
      ],
      params: { nonce: dbNonce.toString("hex"), tag: db.tag.toString("hex") },
    },
    db: db.ciphertext.toString("base64"),
  });
}

// ---- 2FAS -----------------------------------------------------------------------------------------------

export interface TwoFasService {
  name: string;
  account: string;
  secret: string;
  tokenType?: string;
  digits?: number;
  algorithm?: string;
}

function twoFasServices(services: TwoFasService[]) {
  return services.map(({ name, account, secret, tokenType = "TOTP", digits = 6, algorithm = "SHA1" }, i) => ({
    name,
    secret,
    updatedAt: 1708958781890,
    otp: {
      label: `${name}:${account}`,
      account,
      issuer: name,
      digits,
      period: 30,
      algorithm,
      tokenType,
      source: "Link",
    },
    order: { position: i },
    icon: { selected: "Label", label: { text: name.slice(0, 2), backgroundColor: "Orange" } },
  }));
}

/** "<base64 ciphertext‖tag>:<base64 salt>:<base64 iv>" with PBKDF2-SHA256 (10,000) and AES-256-GCM. */
function twoFasField(plain: string, password: string): string {
  const salt = randomBytes(256);
  const iv = randomBytes(12);
  const key = pbkdf2Sync(Buffer.from(password, "utf8"), salt, 10_000, 32, "sha256");
  const { ciphertext, tag } = gcm(key, iv, Buffer.from(plain));
  return [Buffer.concat([ciphertext, tag]), salt, iv].map((b) => b.toString("base64")).join(":");
}

export function twoFasFile(services: TwoFasService[], password?: string): string {
  const common = {
    groups: [],
    updatedAt: 1708958781890,
    schemaVersion: 4,
    appVersionCode: 5000017,
    appVersionName: "5.3.5",
    appOrigin: "android",
  };
  if (!password) return JSON.stringify({ services: twoFasServices(services), ...common });
  return JSON.stringify({
    services: [],
    ...common,
    servicesEncrypted: twoFasField(JSON.stringify(twoFasServices(services)), password),
    reference: twoFasField(
      "tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd",
      password,
    ),
  });
}

// ---- andOTP ---------------------------------------------------------------------------------------------

export interface AndOtpEntry {
  secret: string;
  label: string;
  issuer?: string;
  type?: string;
  digits?: number;
  algorithm?: string;
  period?: number;
  counter?: number;
}

export function andOtpList(entries: AndOtpEntry[]): string {
  return JSON.stringify(
    entries.map(({ type = "TOTP", digits = 6, algorithm = "SHA1", period = 30, counter, ...rest }) => ({
      ...rest,
      digits,
      type,
      algorithm,
      thumbnail: "Default",
      last_used: 1585241011345,
      used_frequency: 0,
      ...(type === "HOTP" ? { counter: counter ?? 0 } : { period }),
      tags: [],
    })),
  );
}

/** andOTP's .json.aes: int32 iterations ‖ salt(12) ‖ nonce(12) ‖ AES-256-GCM(PBKDF2-SHA1) ciphertext ‖ tag. */
export function andOtpEncrypted(entries: AndOtpEntry[], password: string, iterations = 140_000): Uint8Array {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(iterations);
  const salt = randomBytes(12);
  const nonce = randomBytes(12);
  const key = pbkdf2Sync(Buffer.from(password, "utf8"), salt, Math.min(iterations, 200_000), 32, "sha1");
  const { ciphertext, tag } = gcm(key, nonce, Buffer.from(andOtpList(entries)));
  return new Uint8Array(Buffer.concat([header, salt, nonce, ciphertext, tag]));
}

// ---- The Chrome "Authenticator" extension ---------------------------------------------------------------

export interface AuthenticatorEntry {
  account: string;
  issuer: string;
  secret: string;
  type?: string;
  digits?: number;
  period?: number;
  counter?: number;
  algorithm?: string;
}

function rawStorage(entry: AuthenticatorEntry, index: number) {
  const hash = createHash("md5").update(entry.secret).digest("hex");
  return { hash, index, encrypted: false, type: "totp", ...entry };
}

export function authenticatorPlain(entries: AuthenticatorEntry[]): string {
  return JSON.stringify(
    Object.fromEntries(entries.map((entry, i) => [rawStorage(entry, i).hash, rawStorage(entry, i)])),
  );
}

/** CryptoJS.AES.encrypt(text, passphrase): "Salted__" ‖ salt ‖ AES-256-CBC, key and IV by EVP_BytesToKey(MD5). */
export function cryptoJsEncrypt(text: string, passphrase: string): string {
  const salt = randomBytes(8);
  let derived = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (derived.length < 48) {
    block = createHash("md5")
      .update(Buffer.concat([block, Buffer.from(passphrase, "utf8"), salt]))
      .digest();
    derived = Buffer.concat([derived, block]);
  }
  const cipher = createCipheriv("aes-256-cbc", derived.subarray(0, 32), derived.subarray(32, 48));
  return Buffer.concat([Buffer.from("Salted__"), salt, cipher.update(text, "utf8"), cipher.final()]).toString(
    "base64",
  );
}

/** The v3 encrypted backup: entries as EncOTPStorage under one Key (Argon2id t=2, m=19 MiB, p=1). */
export async function authenticatorEncrypted(
  entries: AuthenticatorEntry[],
  password: string,
): Promise<string> {
  const keyId = crypto.randomUUID();
  const salt = randomBytes(16).toString("hex");
  const raw = await hashRaw(password, {
    salt: Buffer.from(salt, "utf8"),
    algorithm: 2,
    timeCost: 2,
    memoryCost: 19_456,
    parallelism: 1,
    outputLen: 32,
  });
  const passphrase = raw.toString("base64").replace(/=+$/, "");
  const file: Record<string, unknown> = {};
  entries.forEach((entry, index) => {
    const storage = rawStorage(entry, index);
    file[storage.hash] = {
      dataType: "EncOTPStorage",
      keyId,
      index,
      data: cryptoJsEncrypt(JSON.stringify(storage), passphrase),
    };
  });
  file[keyId] = {
    dataType: "Key",
    id: keyId,
    salt,
    hash: "$argon2id$v=19$m=16384,t=1,p=1$c29tZXNhbHQ$aGFzaA",
    version: 3,
  };
  return JSON.stringify(file);
}

// ---- Bitwarden ------------------------------------------------------------------------------------------

export function bitwardenFile(items: { name: string; username?: string; totp?: string | null }[]): string {
  return JSON.stringify({
    encrypted: false,
    folders: [],
    items: [
      { id: crypto.randomUUID(), type: 2, name: "A secure note", notes: "text", secureNote: { type: 0 } },
      ...items.map(({ name, username, totp }) => ({
        id: crypto.randomUUID(),
        organizationId: null,
        folderId: null,
        type: 1,
        reprompt: 0,
        name,
        notes: null,
        favorite: false,
        login: {
          uris: [{ match: null, uri: "https://example.com" }],
          username: username ?? null,
          password: "pw",
          totp: totp ?? null,
        },
        collectionIds: null,
      })),
    ],
  });
}

export const bytesOf = (text: string) => new TextEncoder().encode(text);
