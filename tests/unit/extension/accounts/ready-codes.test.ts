// The codes the worker hands the opening popup: each is the code of its account at the step it names, by the PC
// clock corrected for the account's site, and the popup uses one only for that very step.
import { describe, expect, it } from "vitest";
import { newAccount } from "../../../../extension/accounts/account";
import { codeAt, readyCodes } from "../../../../extension/accounts/ready-codes";
import { generateCode } from "../../../../shared/totp";
import type { OtpParameters } from "../../../../shared/types";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const totp: OtpParameters = {
  type: "totp",
  issuer: "KOSMO",
  label: "taro",
  secret: SECRET,
  algorithm: "SHA1",
  digits: 6,
  period: 30,
};
const NOW = Date.UTC(2026, 11, 2, 9, 0, 10);

describe("ready codes", () => {
  it("makes each account's code at its site's corrected time, or at the PC's time", () => {
    const portal = newAccount(totp, "https://portal.example");
    const counter = newAccount({ ...totp, type: "hotp", counter: 7, label: "hotp" }, undefined);
    // The portal's clock is 40 s ahead of the PC's: its code is the next step's.
    const clock = { "https://portal.example": { offsetMs: 40_000, uncertaintyMs: 500, measuredAt: NOW } };
    const codes = readyCodes([portal, counter], clock, NOW);
    expect(codes[portal.id]).toEqual({
      step: Math.floor((NOW + 40_000) / 30_000),
      code: generateCode(portal, NOW + 40_000),
    });
    expect(codes[counter.id]).toEqual({ step: 7, code: generateCode(counter) });
  });

  it("is used only for the step it was made for", () => {
    const account = newAccount(totp, undefined);
    const ready = { step: Math.floor(NOW / 30_000), code: "000000" };
    expect(codeAt(account, NOW, ready)).toBe("000000");
    expect(codeAt(account, NOW + 30_000, ready)).toBe(generateCode(account, NOW + 30_000));
    expect(codeAt(account, NOW, undefined)).toBe(generateCode(account, NOW));
    const counter = newAccount({ ...totp, type: "hotp", counter: 8 }, undefined);
    expect(codeAt(counter, NOW, { step: 7, code: "000000" })).toBe(generateCode(counter));
  });
});
