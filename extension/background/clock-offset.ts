// Measures how far the PC clock is from a site's: a script injected into the tab (activeTab + scripting, no
// host permission) asks its own origin for `/` with HEAD — same-origin, so the `Date` header is readable — and
// the rules of clock/clock-skew.ts turn the timing into an offset. Measurements are kept in storage.session
// (memory only, trusted contexts only): the origins name the sites where a member signs in.
import { browser } from "wxt/browser";
import {
  type ClockMeasurement,
  type ClockMeasurements,
  type DateProbe,
  estimateOffset,
  measurementFor,
  needsMeasurement,
  parseMeasurements,
  recordMeasurement,
} from "../clock/clock-skew";
import { readStored, writeStored } from "../vault/stored-values";

const STORAGE_KEY = "clockMeasurements";
const PROBE_TIMEOUT_MS = 3_000;

export async function readMeasurements(): Promise<ClockMeasurements> {
  return parseMeasurements(await readStored("session", STORAGE_KEY));
}

/** Runs in the page (serialised by executeScript: it must not refer to anything outside itself). */
async function probeOwnOrigin(timeoutMs: number): Promise<Probe | null> {
  const origin = location.origin;
  try {
    const sentAt = Date.now();
    // No cookies: the request must not act for the member; `/` is the one path every site answers harmlessly.
    const response = await fetch(`${origin}/`, {
      method: "HEAD",
      cache: "no-store",
      credentials: "omit",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const receivedAt = Date.now();
    if (new URL(response.url).origin !== origin) return null;
    return { origin, sentAt, receivedAt, date: response.headers.get("date") };
  } catch {
    return null;
  }
}

type Probe = DateProbe & { origin: string };

async function probeTab(tabId: number): Promise<Probe | null> {
  try {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId },
      func: probeOwnOrigin,
      args: [PROBE_TIMEOUT_MS],
    });
    return (injection?.result as Probe | null | undefined) ?? null;
  } catch {
    return null; // no access to this tab (no activeTab grant, or not a web page)
  }
}

/** Measures the tab's top frame, which must still be at `origin`; returns every stored measurement. */
export async function measureTab(tabId: number, origin: string): Promise<ClockMeasurements> {
  const probe = await probeTab(tabId);
  const measurement = probe?.origin === origin ? estimateOffset(probe) : null;
  if (!measurement) return readMeasurements();
  const updated = recordMeasurement(await readMeasurements(), origin, measurement);
  await writeStored("session", { [STORAGE_KEY]: updated });
  return updated;
}

/** The measurement a code filled into `pageOrigin` uses, measuring the page first unless that was just done. */
export async function measurementForFill(
  tabId: number,
  pageOrigin: string,
  accountOrigin: string | undefined,
): Promise<ClockMeasurement | undefined> {
  let measurements = await readMeasurements();
  if (needsMeasurement(measurements[pageOrigin], Date.now())) {
    measurements = await measureTab(tabId, pageOrigin);
  }
  return measurementFor(measurements, { accountOrigin, pageOrigin }, Date.now());
}
