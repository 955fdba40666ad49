// Clock skew: codes are only as right as the PC clock. Pure rules, no I/O — how far off the PC clock is
// from a site's `Date` header, when that is clearly more than the header's rounding, which measurement a code
// uses, the corrected time, and when to tell the member. The background measures and stores
// (background/clock-offset.ts); the popup and the fill only ask these rules.

/** What a same-origin request saw: the local clock just before sending and when the headers arrived. */
export interface DateProbe {
  sentAt: number;
  receivedAt: number;
  /** The response's `Date` header (whole seconds), null when the site sent none. */
  date: string | null;
}

/** The site's time minus the PC's, ± `uncertaintyMs`, as measured at `measuredAt` (PC time). */
export interface ClockMeasurement {
  offsetMs: number;
  uncertaintyMs: number;
  measuredAt: number;
}

/** The latest measurement per web origin (kept in session storage only: origins say where a member signs in). */
export type ClockMeasurements = Record<string, ClockMeasurement>;

/** Offsets up to this are left alone: the header has 1-s resolution and the request takes time. */
export const MIN_CORRECTION_MS = 2_000;
/** Offsets over this are named to the member, with how to set the clock. */
export const WARN_OFFSET_MS = 15_000;
/**
 * Corrections stop here. A hostile page's `Date` could otherwise ask for codes of the far future (valid later,
 * without relaying them at once); a clock off by hours is a wrong time zone, which the member must fix.
 */
export const MAX_CORRECTION_MS = 60 * 60_000;
/** A request slower than this says too little about when its header was written. */
export const MAX_ROUND_TRIP_MS = 10_000;
/**
 * A measurement is used this long. The popup (on a web page) and every fill measure again, so it can be short:
 * a member who sets the clock right after our warning must not get codes corrected for the old error for long.
 */
export const MEASUREMENT_TTL_MS = 15 * 60_000;
/** A fill measures the page again unless its own measurement is at most this old. */
export const REMEASURE_AFTER_MS = 60_000;
/** At most this many origins are remembered (the oldest measurements go first). */
export const MAX_ORIGINS = 50;

/**
 * The site wrote its header somewhere between sending and receiving, and the header rounds the site's time
 * down to the second: so the site's time at the local midpoint is `date + 0.5 s`, within half a second plus
 * half the round trip.
 */
export function estimateOffset(probe: DateProbe): ClockMeasurement | null {
  const roundTrip = probe.receivedAt - probe.sentAt;
  if (!probe.date || !(roundTrip >= 0) || roundTrip > MAX_ROUND_TRIP_MS) return null;
  const siteSecond = Date.parse(probe.date);
  if (!Number.isFinite(siteSecond)) return null;
  const midpoint = (probe.sentAt + probe.receivedAt) / 2;
  return {
    offsetMs: Math.round(siteSecond + 500 - midpoint),
    uncertaintyMs: Math.ceil(500 + roundTrip / 2),
    measuredAt: probe.receivedAt,
  };
}

function fresh(measurement: ClockMeasurement | undefined, now: number): ClockMeasurement | undefined {
  if (!measurement) return undefined;
  const age = now - measurement.measuredAt;
  return age >= 0 && age <= MEASUREMENT_TTL_MS ? measurement : undefined;
}

/** A measurement with the origin it was taken from (named to the member). */
export type SiteMeasurement = ClockMeasurement & { origin: string };

function freshAt(measurements: ClockMeasurements, origin: string | undefined, now: number) {
  const measurement = origin ? fresh(measurements[origin], now) : undefined;
  return measurement && origin ? { ...measurement, origin } : undefined;
}

function newest(measurements: ClockMeasurements, now: number): SiteMeasurement | undefined {
  return Object.entries(measurements)
    .filter(([, m]) => fresh(m, now))
    .map(([origin, m]) => ({ ...m, origin }))
    .sort((a, b) => b.measuredAt - a.measuredAt)[0];
}

/**
 * Which measurement a code uses: that of the site the account is bound to (its own site decides, not the page
 * it is shown over), else that of the page the code goes to, else the newest (the PC clock is one clock).
 */
export function measurementFor(
  measurements: ClockMeasurements,
  where: { accountOrigin?: string; pageOrigin?: string },
  now: number,
): SiteMeasurement | undefined {
  return (
    freshAt(measurements, where.accountOrigin, now) ??
    freshAt(measurements, where.pageOrigin, now) ??
    newest(measurements, now)
  );
}

/** The correction to add to the PC clock: the offset when it is clearly beyond rounding and not absurd, else 0. */
export function correctionOf(measurement: ClockMeasurement | undefined): number {
  if (!measurement) return 0;
  const size = Math.abs(measurement.offsetMs);
  if (size <= Math.max(MIN_CORRECTION_MS, measurement.uncertaintyMs)) return 0;
  return size <= MAX_CORRECTION_MS ? measurement.offsetMs : 0;
}

/** The time to make codes with: the PC clock plus the correction. */
export function correctedNow(now: number, measurement: ClockMeasurement | undefined): number {
  return now + correctionOf(measurement);
}

export interface SkewWarning {
  /** The PC clock is ahead of the site's (the site's time is earlier) or behind it. */
  direction: "ahead" | "behind";
  /** How far, in whole seconds. */
  seconds: number;
  /** Whether codes are corrected for it (false when it is beyond MAX_CORRECTION_MS). */
  corrected: boolean;
}

/** What to tell the member about a measurement, or null when the PC clock is close enough. */
export function skewWarning(measurement: ClockMeasurement | undefined): SkewWarning | null {
  if (!measurement || Math.abs(measurement.offsetMs) <= WARN_OFFSET_MS) return null;
  return {
    direction: measurement.offsetMs < 0 ? "ahead" : "behind",
    seconds: Math.round(Math.abs(measurement.offsetMs) / 1000),
    corrected: correctionOf(measurement) !== 0,
  };
}

/** Whether a fill should measure the page again first. */
export function needsMeasurement(measurement: ClockMeasurement | undefined, now: number): boolean {
  if (!measurement) return true;
  const age = now - measurement.measuredAt;
  return !(age >= 0 && age <= REMEASURE_AFTER_MS);
}

/** Stored measurements as read back from storage: anything not shaped like one is dropped. */
export function parseMeasurements(value: unknown): ClockMeasurements {
  if (typeof value !== "object" || value === null) return {};
  const valid = Object.entries(value as Record<string, unknown>).filter(([, m]) => {
    const { offsetMs, uncertaintyMs, measuredAt } = (m ?? {}) as Partial<ClockMeasurement>;
    return [offsetMs, uncertaintyMs, measuredAt].every((n) => typeof n === "number" && Number.isFinite(n));
  });
  return Object.fromEntries(valid) as ClockMeasurements;
}

/** The stored measurements with `origin`'s replaced, stale ones dropped and at most MAX_ORIGINS kept. */
export function recordMeasurement(
  measurements: ClockMeasurements,
  origin: string,
  measurement: ClockMeasurement,
): ClockMeasurements {
  const kept = Object.entries({ ...measurements, [origin]: measurement })
    .filter(([, m]) => fresh(m, measurement.measuredAt))
    .sort(([, a], [, b]) => b.measuredAt - a.measuredAt)
    .slice(0, MAX_ORIGINS);
  return Object.fromEntries(kept);
}
