// The per-member recovery mail limit is one conditional upsert: 50 requests at once take one mail, the next
// only after the cooldown, at most `perWindow` in a window — on SQLite and on PostgreSQL.

import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { takeRecoveryMail } from "../../../../portal/db/recovery-mails";
import type { Database } from "../../../../portal/db/schema";
import { bothStores } from "../support/both-stores";
import { insertPlainMember } from "../support/members";

const limits = { cooldownMs: 60_000, windowMs: 24 * 60 * 60_000, perWindow: 3 };
const t0 = Date.parse("2026-11-25T09:00:00Z");

const stores = bothStores();

for (const store of ["SQLite", "PostgreSQL"] as const) {
  describe(`recovery mails (${store})`, () => {
    it("take one mail for 50 requests at once, one per cooldown, and stop at the window's cap", async (context) => {
      const db: Kysely<Database> | undefined = store === "SQLite" ? stores.local.db : stores.pg?.db;
      if (!db) return context.skip();
      const member = await insertPlainMember(db, `mail-${store}`, t0);
      const take = (at: number) =>
        takeRecoveryMail(db, { memberId: member.id, kind: "password-reset", at }, limits);
      const burst = await Promise.all(Array.from({ length: 50 }, () => take(t0)));
      expect(burst.filter(Boolean)).toHaveLength(1);
      expect(await take(t0 + limits.cooldownMs - 1)).toBe(false);
      expect(await take(t0 + limits.cooldownMs)).toBe(true);
      expect(await take(t0 + 2 * limits.cooldownMs)).toBe(true);
      expect(await take(t0 + 3 * limits.cooldownMs)).toBe(false); // 3 in this window
      expect(await take(t0 + limits.windowMs)).toBe(true); // a new window
      // The other kind has its own count.
      expect(await takeRecoveryMail(db, { memberId: member.id, kind: "user-id", at: t0 }, limits)).toBe(true);
    });
  });
}
