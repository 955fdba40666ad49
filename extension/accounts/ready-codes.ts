// Codes the worker computes for the popup's opening answer, so that the popup's first frame needs no HMAC of its
// own. Each popup is a new renderer process whose code is cold: its first codes took up to 2 ms each, the
// worker's long-running code takes some 30 µs (measured with the bench's popup probe: the render after the
// answer went from 15.7 to 9.9 ms). Only the accounts the first frame can show get one (messaging.ts,
// FirstScreenful); the rest of the list is painted after that frame and computes its own. A ready code is used
// only for the very step it was made for: any other step (a later period, another clock correction, a new HOTP
// counter) is computed in the popup as before.
import { codeStep, generateCode } from "../../shared/totp";
import { type ClockMeasurements, correctedNow, measurementFor } from "../clock/clock-skew";
import type { Account } from "./account";

/** An account's code for one TOTP step (or HOTP counter). */
export interface ReadyCode {
  step: number;
  code: string;
}

/** Ready codes by account id. */
export type ReadyCodes = Record<string, ReadyCode>;

/**
 * Each account's code now, by the PC clock corrected for the account's own site (or the newest measurement): the
 * time the popup will most likely use. The popup may correct for its page's site instead, and then computes.
 */
export function readyCodes(accounts: Account[], clock: ClockMeasurements, now: number): ReadyCodes {
  const codes: ReadyCodes = {};
  for (const account of accounts) {
    const at = correctedNow(now, measurementFor(clock, { accountOrigin: account.origin }, now));
    codes[account.id] = { step: codeStep(account, at), code: generateCode(account, at) };
  }
  return codes;
}

/** The account's code at `now`: the ready one when it was made for that step, else computed. */
export function codeAt(account: Account, now: number, ready: ReadyCode | undefined): string {
  return ready?.step === codeStep(account, now) ? ready.code : generateCode(account, now);
}
