// Operator CLI:  npm run rotate-key [-- --out <file>]
// Re-encrypts everything sealed at rest (cli/key-rotation.ts) under a new secret key in one transaction. Stop
// every portal instance first: one still running with the old key could seal a new value the new key cannot
// open. Keep the old key as long as you keep database backups taken before the rotation (they need it).
//   - Key in DATA_DIR/portal-secret.key (PORTAL_SECRET_KEY unset): the new key replaces the file; the old
//     one is kept beside it as portal-secret.key.<time>.old.
//   - PORTAL_SECRET_KEY set: the new key is written to --out <file> (created, mode 0600); set
//     PORTAL_SECRET_KEY to it on every instance before starting them again.
import { copyFileSync, existsSync, renameSync, unlinkSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import { createSecretBox, generateSecretKey, SECRET_KEY_FILE, writeKeyFile } from "../auth/secret-box";
import { type Config, loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import type { Database } from "../db/schema";
import { reencryptSealedValues } from "./key-rotation";

export class RotationError extends Error {}

export interface RotationContext {
  config: Config;
  /** Whether the key came from PORTAL_SECRET_KEY (else from DATA_DIR/portal-secret.key). */
  keyFromEnvironment: boolean;
  db: Kysely<Database>;
  out: (line: string) => void;
  clock: () => Date;
}

export async function rotateKeyCommand(ctx: RotationContext, options: { outFile?: string }): Promise<void> {
  const oldBox = createSecretBox(ctx.config.secretKey);
  const newKey = generateSecretKey();
  const newBox = createSecretBox(newKey);
  if (ctx.keyFromEnvironment) {
    if (!options.outFile) {
      throw new RotationError("PORTAL_SECRET_KEY is set: name a new file for the new key with --out <file>");
    }
    const outFile = path.resolve(options.outFile);
    writeKeyFile(outFile, newKey); // first, so the new key is never lost after the commit
    try {
      report(ctx, await reencryptSealedValues(ctx.db, oldBox, newBox));
    } catch (error) {
      unlinkSync(outFile);
      throw error;
    }
    ctx.out(
      `new key written to ${outFile}: set PORTAL_SECRET_KEY to its content on every instance, then start them`,
    );
    return;
  }
  const keyFile = path.join(ctx.config.dataDir, SECRET_KEY_FILE);
  const pending = `${keyFile}.new`;
  if (existsSync(pending)) {
    throw new RotationError(
      `${pending} exists: an earlier rotation stopped half-way. If the database was re-encrypted (the portal cannot open TOTP secrets with ${SECRET_KEY_FILE}), move it over ${SECRET_KEY_FILE}; otherwise delete it.`,
    );
  }
  const backup = `${keyFile}.${ctx.clock().toISOString().replace(/[:.]/g, "-")}.old`;
  writeKeyFile(pending, newKey);
  copyFileSync(keyFile, backup);
  try {
    report(ctx, await reencryptSealedValues(ctx.db, oldBox, newBox));
  } catch (error) {
    unlinkSync(pending);
    unlinkSync(backup);
    throw error;
  }
  renameSync(pending, keyFile); // atomic: the key file is the old one or the new one, never half
  ctx.out(`${keyFile} now holds the new key; the old key is kept in ${backup}`);
}

function report(ctx: RotationContext, counts: Record<string, number>): void {
  const parts = Object.entries(counts).map(([table, n]) => `${table} ${n}`);
  ctx.out(`re-encrypted under the new key in one transaction: ${parts.join(", ")}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { out: { type: "string" } } });
  const config = loadConfig();
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    await rotateKeyCommand(
      {
        config,
        keyFromEnvironment: Boolean(process.env.PORTAL_SECRET_KEY?.trim()),
        db,
        out: (line) => console.log(line),
        clock: () => new Date(),
      },
      values.out ? { outFile: values.out } : {},
    );
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error) => {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
