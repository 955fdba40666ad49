// The attack of issue 8, reduced in size (npm run bench runs 1,000 of each): guesses at one member's password,
// app code, mail code and birth date, all at once from 100 client addresses through a trusted proxy. None
// succeeds, at most the account's free attempts are judged (the security event log says which), and the
// member's own browser still signs in during and after the storm. The clock stands still, so no wait ends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberRule } from "../../../../portal/auth/limiter";
import { startTestPortal, type TestPortal } from "../../../e2e/support/portal";
import { addStormMember, eventsFromDatabase, runGuessStorm, type StormTarget } from "../support/guess-storm";

const time = Date.parse("2026-11-25T09:00:10Z");
const SIZE = { guesses: 100, inFlight: 50, attackerSessions: 10 };

let portal: TestPortal;
let target: StormTarget;

beforeAll(async () => {
  portal = await startTestPortal({ env: { TRUST_PROXY: "127.0.0.1,::1" }, clock: () => new Date(time) });
  target = {
    origin: portal.origin,
    eventsOf: eventsFromDatabase(portal.portal.db),
    clock: () => new Date(time),
    async mailedCode(address, after) {
      const mail = await portal.latestMailTo(address, { after });
      const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
      if (!code) throw new Error("no code in the mail");
      return code;
    },
  };
});
afterAll(async () => {
  await portal?.close();
});

describe("guess storms against one member from 100 addresses", () => {
  for (const flow of ["password", "app-code", "mail-code", "birth-date"] as const) {
    it(`${flow}: no guess succeeds, at most ${memberRule.freeFailures} are judged, the member signs in during and after`, async () => {
      const result = await runGuessStorm(
        target,
        await addStormMember(portal, flow, `storm-${flow}`, time),
        flow,
        SIZE,
      );
      expect(result.successes).toBe(0);
      expect(result.judged).toBeGreaterThan(0);
      expect(result.judged).toBeLessThanOrEqual(memberRule.freeFailures);
      expect(result.judged + result.throttled).toBeGreaterThanOrEqual(
        SIZE.guesses - 5 * SIZE.attackerSessions,
      );
      expect(result.memberDuringOk).toBe(true);
      expect(result.memberAfterOk).toBe(true);
    }, 120_000);
  }
});
