// The clock-skew rules without I/O: the offset from a Date header and the request's timing, what counts as
// clearly beyond the header's 1-s rounding, which site's measurement a code uses, the corrected time, and when
// the member is told.
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import {
  type ClockMeasurement,
  correctedNow,
  correctionOf,
  estimateOffset,
  MAX_ORIGINS,
  MEASUREMENT_TTL_MS,
  measurementFor,
  needsMeasurement,
  parseMeasurements,
  recordMeasurement,
  skewWarning,
} from "../../../../extension/clock/clock-skew";

const T = Date.parse("2026-12-01T12:00:00.000Z");
const header = (ms: number) => new Date(ms).toUTCString();
const measured = (offsetMs: number, measuredAt = T, uncertaintyMs = 600): ClockMeasurement => ({
  offsetMs,
  uncertaintyMs,
  measuredAt,
});

describe("estimateOffset", () => {
  it("takes the header's second plus half a second at the request's midpoint", () => {
    // The site is 90 s ahead; its header, written at local T+100, rounds T+90.1 s down to T+90 s.
    const m = estimateOffset({ sentAt: T, receivedAt: T + 200, date: header(T + 90_100) });
    expect(m).toEqual({ offsetMs: 90_400, uncertaintyMs: 600, measuredAt: T + 200 });
    // The true offset (90 000) is within the stated uncertainty.
    expect(Math.abs(m!.offsetMs - 90_000)).toBeLessThanOrEqual(m!.uncertaintyMs);
  });

  it("stays within its uncertainty wherever in the second and the round trip the header was written", () => {
    for (const trueOffset of [-90_000, -2_500, 0, 1_234, 90_000]) {
      for (const writtenAfter of [0, 150, 299]) {
        for (const millis of [0, 499, 999]) {
          const sentAt = T + millis;
          const siteTime = sentAt + writtenAfter + trueOffset;
          const m = estimateOffset({ sentAt, receivedAt: sentAt + 300, date: header(siteTime) });
          expect(Math.abs(m!.offsetMs - trueOffset)).toBeLessThanOrEqual(m!.uncertaintyMs);
        }
      }
    }
  });

  it("gives nothing without a usable header or with a round trip too slow or backwards", () => {
    expect(estimateOffset({ sentAt: T, receivedAt: T + 100, date: null })).toBeNull();
    expect(estimateOffset({ sentAt: T, receivedAt: T + 100, date: "yesterday-ish" })).toBeNull();
    expect(estimateOffset({ sentAt: T, receivedAt: T + 10_001, date: header(T) })).toBeNull();
    expect(estimateOffset({ sentAt: T, receivedAt: T - 1, date: header(T) })).toBeNull();
  });
});

describe("correctionOf and correctedNow", () => {
  it("leaves offsets within rounding alone and corrects those clearly beyond it", () => {
    expect(correctionOf(undefined)).toBe(0);
    expect(correctionOf(measured(1_900))).toBe(0);
    expect(correctionOf(measured(-2_000))).toBe(0);
    expect(correctionOf(measured(2_600))).toBe(2_600);
    expect(correctionOf(measured(-90_400))).toBe(-90_400);
    // A slow request makes 3 s indistinguishable from rounding.
    expect(correctionOf(measured(3_000, T, 3_500))).toBe(0);
    expect(correctedNow(T, measured(90_400))).toBe(T + 90_400);
    expect(correctedNow(T, measured(900))).toBe(T);
  });

  it("does not correct by more than an hour (a page could otherwise ask for codes of the far future)", () => {
    expect(correctionOf(measured(60 * 60_000))).toBe(60 * 60_000);
    expect(correctionOf(measured(60 * 60_000 + 1))).toBe(0);
    expect(correctionOf(measured(-9 * 3600_000))).toBe(0);
  });

  it("makes the code the site expects: a PC 90 s slow gives a code the site's ±1-step window refuses", () => {
    const totp = new TOTP({ secret: new Secret({ size: 20 }) });
    const siteNow = T + 90_000;
    const window = [-30_000, 0, 30_000].map((d) => totp.generate({ timestamp: siteNow + d }));
    const m = estimateOffset({ sentAt: T, receivedAt: T + 120, date: header(siteNow + 60) });
    expect(window).not.toContain(totp.generate({ timestamp: T + 60 }));
    expect(window).toContain(totp.generate({ timestamp: correctedNow(T + 60, m!) }));
  });
});

describe("measurementFor", () => {
  const site = "https://portal.example";
  const other = "https://other.example";
  const evil = "https://evil.example";

  it("uses the account's own site first, then the page's, then the newest", () => {
    const all = {
      [site]: measured(-90_000, T - 1_000),
      [evil]: measured(600_000, T),
      [other]: measured(5_000, T - 500),
    };
    expect(measurementFor(all, { accountOrigin: site, pageOrigin: evil }, T)).toMatchObject({
      origin: site,
      offsetMs: -90_000,
    });
    expect(measurementFor(all, { pageOrigin: other }, T)?.origin).toBe(other);
    expect(measurementFor(all, { accountOrigin: "https://unmeasured.example" }, T)?.origin).toBe(evil);
    expect(measurementFor({}, { accountOrigin: site, pageOrigin: site }, T)).toBeUndefined();
  });

  it("ignores measurements older than their lifetime or from the future (the PC clock was set back)", () => {
    const old = { [site]: measured(-90_000, T - MEASUREMENT_TTL_MS - 1) };
    expect(measurementFor(old, { pageOrigin: site }, T)).toBeUndefined();
    const ahead = { [site]: measured(-90_000, T + 60_000) };
    expect(measurementFor(ahead, { pageOrigin: site }, T)).toBeUndefined();
  });
});

describe("skewWarning", () => {
  it("speaks up over 15 s, says which way the PC clock is off and whether codes are corrected", () => {
    expect(skewWarning(undefined)).toBeNull();
    expect(skewWarning(measured(15_000))).toBeNull();
    expect(skewWarning(measured(-14_000))).toBeNull();
    // The site's time is 90 s later than the PC's: the PC clock is behind.
    expect(skewWarning(measured(90_400))).toEqual({ direction: "behind", seconds: 90, corrected: true });
    expect(skewWarning(measured(-15_600))).toEqual({ direction: "ahead", seconds: 16, corrected: true });
    expect(skewWarning(measured(-9 * 3600_000))).toEqual({
      direction: "ahead",
      seconds: 9 * 3600,
      corrected: false,
    });
  });
});

describe("needsMeasurement, recordMeasurement, parseMeasurements", () => {
  it("measures again when the page's measurement is missing or over a minute old", () => {
    expect(needsMeasurement(undefined, T)).toBe(true);
    expect(needsMeasurement(measured(0, T - 59_000), T)).toBe(false);
    expect(needsMeasurement(measured(0, T - 61_000), T)).toBe(true);
    expect(needsMeasurement(measured(0, T + 5_000), T)).toBe(true);
  });

  it("replaces a site's measurement, drops stale ones and keeps the newest MAX_ORIGINS", () => {
    let all = recordMeasurement(
      { "https://a.example": measured(1, T - MEASUREMENT_TTL_MS - 1) },
      "https://b.example",
      measured(2),
    );
    expect(Object.keys(all)).toEqual(["https://b.example"]);
    all = recordMeasurement(all, "https://b.example", measured(3, T + 1));
    expect(all["https://b.example"]?.offsetMs).toBe(3);
    for (let i = 0; i < MAX_ORIGINS + 5; i++)
      all = recordMeasurement(all, `https://s${i}.example`, measured(i, T + 10 + i));
    expect(Object.keys(all)).toHaveLength(MAX_ORIGINS);
    expect(all["https://b.example"]).toBeUndefined();
    expect(all[`https://s${MAX_ORIGINS + 4}.example`]?.offsetMs).toBe(MAX_ORIGINS + 4);
  });

  it("reads back only well-formed measurements", () => {
    expect(parseMeasurements(undefined)).toEqual({});
    expect(parseMeasurements("x")).toEqual({});
    expect(
      parseMeasurements({
        "https://ok.example": measured(5),
        "https://bad.example": { offsetMs: "5", uncertaintyMs: 1, measuredAt: T },
        "https://nan.example": { offsetMs: Number.NaN, uncertaintyMs: 1, measuredAt: T },
        "https://null.example": null,
      }),
    ).toEqual({ "https://ok.example": measured(5) });
  });
});
