// The operator CLI on a real (temporary) SQLite database.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../../../../portal/auth/password";
import { CommandError } from "../../../../portal/cli/member-commands";
import { runMembersCommand } from "../../../../portal/cli/members";
import { findMemberByUserId, listMembers, updateMember } from "../../../../portal/db/members";
import { listNotices } from "../../../../portal/db/notices";
import { queueInto } from "../../../../portal/mail/outbox";
import { createTestDeps, type TestDeps } from "../support/test-deps";

let deps: TestDeps;
let output: string[];
const run = (...argv: string[]) =>
  runMembersCommand(argv, {
    db: deps.db,
    clock: deps.clock,
    out: (line) => output.push(line),
    secretBox: deps.secretBox,
  });

beforeEach(async () => {
  deps = await createTestDeps();
  output = [];
});
afterEach(async () => {
  await deps.cleanup();
});

describe("members CLI", () => {
  it("adds a member at the start of the first login and lists it", async () => {
    await run(
      "add",
      "Suzuki01",
      "--birthdate",
      "1980-04-01",
      "--password",
      "initial-01",
      "--name",
      "鈴木 花子",
    );
    const member = await findMemberByUserId(deps.db, "suzuki01");
    expect(member).toMatchObject({ name: "鈴木 花子", birth_date: "1980-04-01", password_is_initial: 1 });
    expect(await verifyPassword(member?.password_hash ?? "", "initial-01")).toBe(true);
    await run("list");
    expect(output.at(-1)).toBe("suzuki01\t鈴木 花子\t1980-04-01\tpending: birth-date\t-\t-");
    await expect(
      run("add", "suzuki01", "--birthdate", "1980-04-01", "--password", "initial-01"),
    ).rejects.toThrow(/already exists/);
    await expect(run("add", "x", "--birthdate", "1980-02-30", "--password", "short")).rejects.toThrow(
      CommandError,
    );
  });

  it("imports nothing from a file with one bad row, everything from a good one", async () => {
    const file = path.join(deps.config.dataDir, "members.csv");
    writeFileSync(
      file,
      "user_id,name,birthdate,initial_password\na001,A,1980-01-01,initial-a001\na002,B,1980-13-01,initial-a002\n",
    );
    await expect(run("import", file)).rejects.toThrow(
      /members\.csv:3: birthdate "1980-13-01"[\s\S]*nothing was imported/,
    );
    expect(await listMembers(deps.db)).toHaveLength(0);
    writeFileSync(
      file,
      "user_id,name,birthdate,initial_password\na001,A,1980-01-01,initial-a001\na002,B,1980-12-01,initial-a002\n",
    );
    await run("import", file);
    expect((await listMembers(deps.db)).map((m) => m.user_id)).toEqual(["a001", "a002"]);
  });

  it("resets a member to the first login with a new initial password, removing sessions and factors", async () => {
    await run("add", "reset01", "--birthdate", "1980-04-01", "--password", "initial-r1");
    const member = await findMemberByUserId(deps.db, "reset01");
    const at = deps.clock().getTime();
    await updateMember(deps.db, member?.id ?? "", {
      birth_date_confirmed_at: at,
      terms_accepted_at: at,
      email: "r@example.jp",
      email_verified_at: at,
      auth_method: "totp",
      password_is_initial: 0,
      password_changed_at: at,
      first_login_completed_at: at,
      updated_at: at,
    });
    await deps.db
      .insertInto("sessions")
      .values({
        id: "s",
        member_id: member?.id ?? "",
        level: "full",
        created_at: at,
        last_seen_at: at,
        expires_at: at + 1000,
        remember: 0,
        user_agent: null,
        ip: null,
      })
      .execute();
    const mailed: { to: string; subject: string; text: string }[] = [];
    await runMembersCommand(["reset", "reset01"], {
      db: deps.db,
      clock: deps.clock,
      out: (line) => output.push(line),
      secretBox: deps.secretBox,
      mailer: { send: async (message) => void mailed.push(message) },
    });
    const initial = output.at(-1)?.replace("new initial password: ", "") ?? "";
    // The notice goes to the address confirmed before the reset, without the new password.
    expect(mailed).toHaveLength(1);
    expect(mailed[0]).toMatchObject({
      to: "r@example.jp",
      subject: "【KOSMOWeb】セキュリティ設定変更のお知らせ",
    });
    expect(mailed[0]?.text).toContain("初回ログインの状態に戻しました");
    expect(mailed[0]?.text).not.toContain(initial);
    expect(output).toContain("security notice mailed to the member");
    const after = await findMemberByUserId(deps.db, "reset01");
    expect(after).toMatchObject({
      password_is_initial: 1,
      first_login_completed_at: null,
      auth_method: null,
      email: null,
    });
    expect(await verifyPassword(after?.password_hash ?? "", initial)).toBe(true);
    expect(await deps.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
    await run("events", "reset01");
    expect(output.at(-1)).toContain("first-login-reset");
    await expect(run("reset", "nobody")).rejects.toThrow(/no member/);
  });

  it("shows the mail outbox's counts and its failures without their content", async () => {
    deps.mailer = {
      send: async () => {
        throw Object.assign(new Error("550 5.1.1 <gone@example.jp>: no such user"), { responseCode: 550 });
      },
    };
    await queueInto(
      deps,
      deps.db,
    )({
      kind: "password-reset",
      message: { to: "gone@example.jp", subject: "s", text: "https://x/reset-password?token=abc" },
      memberId: "m-1",
    });
    await queueInto(
      deps,
      deps.db,
    )({ kind: "user-id", message: { to: "w@example.jp", subject: "s", text: "t" } });
    await deps.outbox.settle(10_000);
    await run("outbox");
    expect(output[0]).toBe("pending 0\tsending 0\tsent 0\tfailed 2");
    const failure = output.find((line) => line.includes("password-reset")) ?? "";
    expect(failure).toMatch(
      /^failed\t\S+\tpassword-reset\tm-1\t1 attempts\t550 5\.1\.1 <<address>>: no such user$/,
    );
    expect(output.join("\n")).not.toContain("token=abc");
  });

  it("adds notices and refuses empty ones", async () => {
    await run("notice", "add", "健康診断の予約受付を開始しました。");
    expect((await listNotices(deps.db)).map((n) => n.body)).toEqual(["健康診断の予約受付を開始しました。"]);
    await expect(run("notice", "add", "   ")).rejects.toThrow(CommandError);
  });

  it("prints usage for unknown commands", async () => {
    await expect(run("frobnicate")).rejects.toThrow(/usage: npm run members/);
  });
});
