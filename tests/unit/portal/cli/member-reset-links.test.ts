// An operator's `members reset` ends every live link and code of the member, on SQLite and PostgreSQL: a
// reset link, an e-mail confirmation link and a mail code issued before the reset do nothing after it, and
// every session is gone — the mailbox is often why the reset was needed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, randomToken } from "../../../../portal/auth/tokens";
import { runMembersCommand } from "../../../../portal/cli/members";
import { insertEmailVerification } from "../../../../portal/db/email-verifications";
import { updateMember } from "../../../../portal/db/members";
import { linkIn, startTestPortal, type TestPortal } from "../../../e2e/support/portal";
import { httpClient } from "../support/http-client";
import { type ThrowawaySchema, throwawaySchema } from "../support/postgres";

const PASSWORD = "reiko's own long passphrase";

for (const store of ["SQLite", "PostgreSQL"] as const) {
  describe(`members reset (${store})`, () => {
    let portal: TestPortal | null = null;
    let pg: ThrowawaySchema | null = null;
    const scratch = mkdtempSync(path.join(tmpdir(), "kosmo-reset-"));
    beforeAll(async () => {
      if (store === "PostgreSQL") {
        pg = await throwawaySchema(scratch);
        if (!pg) return;
      }
      portal = await startTestPortal({ env: { DATABASE_URL: pg ? pg.url : "" } }); // "" = SQLite
    });
    afterAll(async () => {
      await portal?.close();
      await pg?.drop();
      rmSync(scratch, { recursive: true, force: true });
    });

    it("ends the member's reset link, confirmation link, mail code and sessions", async (context) => {
      if (!portal) return context.skip();
      const member = await portal.addMember({ userId: "reiko", password: PASSWORD, birthDate: "1975-05-05" });
      const at = Date.now();
      await updateMember(portal.portal.db, member.id, {
        email: "reiko@example.jp",
        email_verified_at: at,
        birth_date_confirmed_at: at,
        terms_accepted_at: at,
        auth_method: "mail",
        password_is_initial: 0,
        password_changed_at: at,
        first_login_completed_at: at,
        updated_at: at,
      });
      const browser = httpClient(portal.origin);
      // A live reset link in the mailbox,
      await browser.post("/forgot-password", { user_id: "reiko", birth_date: "1975-05-05" });
      const resetLink = new URL(linkIn(await portal.latestMailTo("reiko@example.jp")));
      // a live e-mail confirmation link,
      const confirmation = randomToken();
      await insertEmailVerification(portal.portal.db, {
        tokenHash: hashToken(confirmation),
        memberId: member.id,
        email: "reiko-new@example.jp",
        at,
      });
      // and a signed-in browser waiting for its mail code.
      expect((await browser.post("/login", { user_id: "reiko", password: PASSWORD })).status).toBe(303);
      expect((await browser.get("/login/second-factor/mail")).status).toBe(200);
      const code = /\b(\d{6})\b/.exec(
        (await portal.latestMailTo("reiko@example.jp", { after: new Date(at) })).text,
      )?.[1];
      expect(code).toBeDefined();

      const output: string[] = [];
      await runMembersCommand(["reset", "reiko", "--password", "operator-initial-1"], {
        db: portal.portal.db,
        clock: () => new Date(),
        out: (line) => output.push(line),
      });

      // The code, the session and both links are dead.
      const codeAfter = await browser.post("/login/second-factor/mail", { otp: code ?? "" });
      expect(codeAfter.headers.get("location")).toBe("/login");
      const token = resetLink.searchParams.get("token") ?? "";
      expect((await fetch(resetLink)).status).toBe(400);
      const overridden = await browser.post("/reset-password", {
        token,
        new_password: "an attacker's new passphrase",
        confirm_password: "an attacker's new passphrase",
      });
      expect(overridden.status).toBe(400);
      expect((await fetch(`${portal.origin}/verify-email?token=${confirmation}`)).status).toBe(400);
      const db = portal.portal.db;
      expect(
        await db.selectFrom("sessions").selectAll().where("member_id", "=", member.id).execute(),
      ).toEqual([]);
      expect(
        await db.selectFrom("mail_otp_codes").selectAll().where("member_id", "=", member.id).execute(),
      ).toEqual([]);
      const sealed = await db
        .selectFrom("password_resets")
        .select("token_sealed")
        .where("member_id", "=", member.id)
        .execute();
      expect(sealed).toEqual([{ token_sealed: null }]);
      // The operator's initial password is the one that works.
      const fresh = httpClient(portal.origin);
      const signIn = await fresh.post("/login", { user_id: "reiko", password: "operator-initial-1" });
      expect(signIn.headers.get("location")).toBe("/first-login");
    });
  });
}
