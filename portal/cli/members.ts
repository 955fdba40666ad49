// Operator CLI:  npm run members -- <command>
//   add <userId> --birthdate YYYY-MM-DD --password <initial> [--name NAME]
//   import <members.csv>          (header user_id,name,birthdate,initial_password; all or nothing)
//   list
//   reset <userId> [--password <initial>]   (back to first login; prints a generated initial password)
//   notice add <text>
//   events <userId>
//   outbox                        (mails pending / sending / sent / failed, and the latest failures)
import path from "node:path";
import { parseArgs } from "node:util";
import { createSecretBox } from "../auth/secret-box";
import { ConfigError, loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import { createCatcherMailer, createSmtpMailer } from "../mail/transport";
import {
  addMemberCommand,
  addNoticeCommand,
  type CommandContext,
  CommandError,
  eventsCommand,
  importMembersCommand,
  listMembersCommand,
  outboxCommand,
  resetMemberCommand,
} from "./member-commands";

export const USAGE = `usage: npm run members -- <command>
  add <userId> --birthdate YYYY-MM-DD --password <initial> [--name NAME]
  import <members.csv>       header: user_id,name,birthdate,initial_password (a bad row aborts the whole file)
  list
  reset <userId> [--password <initial>]
  notice add <text>
  events <userId>
  outbox`;

export async function runMembersCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { birthdate: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  });
  const [command, ...rest] = positionals;
  switch (command) {
    case "add": {
      const [userId] = rest;
      if (!userId || !values.birthdate || !values.password) throw new CommandError(USAGE);
      return addMemberCommand(ctx, {
        userId,
        name: values.name ?? "",
        birthDate: values.birthdate,
        initialPassword: values.password,
      });
    }
    case "import":
      if (!rest[0]) throw new CommandError(USAGE);
      return importMembersCommand(ctx, path.resolve(rest[0]));
    case "list":
      return listMembersCommand(ctx);
    case "reset":
      if (!rest[0]) throw new CommandError(USAGE);
      return resetMemberCommand(ctx, rest[0], values.password);
    case "notice":
      if (rest[0] !== "add" || rest.length < 2) throw new CommandError(USAGE);
      return addNoticeCommand(ctx, rest.slice(1).join(" "));
    case "outbox":
      return outboxCommand(ctx);
    case "events":
      if (!rest[0]) throw new CommandError(USAGE);
      return eventsCommand(ctx, rest[0]);
    default:
      throw new CommandError(USAGE);
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const db = openDatabase(config);
  // Notices go out like the portal's: SMTP_URL, or in development the running portal's catcher.
  const mailer = config.smtpUrl
    ? createSmtpMailer(config.smtpUrl, config.mailFrom)
    : createCatcherMailer(config.catcherPort, config.mailFrom);
  try {
    await migrateToLatest(db);
    await runMembersCommand(process.argv.slice(2), {
      db,
      clock: () => new Date(),
      out: (line) => console.log(line),
      secretBox: createSecretBox(config.secretKey),
      mailer,
    });
    return 0;
  } finally {
    mailer.close();
    await db.destroy();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      const known =
        error instanceof CommandError ||
        error instanceof ConfigError ||
        (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
      console.error(
        known ? (error as Error).message : `✖ ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(known ? 2 : 1);
    },
  );
}
