// Every read and write of storage.local and storage.session goes through here (the service worker is the only
// context that touches them). Each storage call is a round trip to the browser process, whose main thread is
// busiest exactly when the popup opens, so:
// - the keys asked for in one turn of the event loop are read with one call per area (the popup's opening asks
//   for seven values at once, background/handlers.ts `open`);
// - a value read is remembered while the worker lives, and answered from memory until it changes: a write here
//   forgets it before it starts, and so does storage.onChanged (a change from anywhere else). A read that was
//   on its way while something changed is not remembered, so memory is never older than storage.
import { browser } from "wxt/browser";

type Area = "local" | "session";

interface Batch {
  keys: Set<string>;
  values: Promise<Record<string, unknown>>;
}

const gathering: Partial<Record<Area, Batch>> = {};
const remembered = new Map<string, unknown>();
/** Counts every change seen: a read remembers its answer only if none happened while it was on its way. */
let changes = 0;

const slot = (area: Area, key: string) => `${area}/${key}`;

function forget(area: Area, keys: Iterable<string>): void {
  changes++;
  for (const key of keys) remembered.delete(slot(area, key));
}

function forgetChanged(changed: Record<string, unknown>, area: string): void {
  if (area === "local" || area === "session") forget(area, Object.keys(changed));
}

/** Listens for changes made elsewhere; if the listener was ever dropped, nothing remembered can be trusted. */
function watchChanges(): void {
  if (browser.storage.onChanged.hasListener(forgetChanged)) return;
  changes++;
  remembered.clear();
  browser.storage.onChanged.addListener(forgetChanged);
}

/** The value stored under `key` in `area` (undefined when there is none); a copy, as storage would give. */
export async function readStored(area: Area, key: string): Promise<unknown> {
  watchChanges();
  const at = slot(area, key);
  if (remembered.has(at)) return structuredClone(remembered.get(at));
  let batch = gathering[area];
  if (!batch) {
    const keys = new Set<string>();
    const asked = changes;
    // Read once the current turn has asked for all it needs; later asks start a new read.
    const values = Promise.resolve().then(async () => {
      delete gathering[area];
      const read = await browser.storage[area].get([...keys]);
      if (changes === asked) for (const name of keys) remembered.set(slot(area, name), read[name]);
      return read;
    });
    batch = { keys, values };
    gathering[area] = batch;
  }
  batch.keys.add(key);
  return structuredClone((await batch.values)[key]);
}

/** Stores `values` in `area` (one call: atomic). */
export async function writeStored(area: Area, values: Record<string, unknown>): Promise<void> {
  watchChanges();
  forget(area, Object.keys(values));
  await browser.storage[area].set(values);
  forget(area, Object.keys(values));
}

/**
 * Reads and removes `key` in one step, for single-use records (storage has no atomic take): takes are run one at
 * a time in this worker, the only writer, so of two racing takes only the first finds the value. `wanted`
 * decides whether a value found is taken; one that is not is left in place, and undefined is returned.
 */
let taking: Promise<unknown> = Promise.resolve();
export function takeStored(
  area: Area,
  key: string,
  wanted: (value: unknown) => boolean = () => true,
): Promise<unknown> {
  const take = taking.then(async () => {
    const value = await readStored(area, key);
    if (value === undefined || !wanted(value)) return undefined;
    await removeStored(area, key);
    return value;
  });
  taking = take.catch(() => {});
  return take;
}

/** Removes `keys` from `area`. */
export async function removeStored(area: Area, ...keys: string[]): Promise<void> {
  watchChanges();
  forget(area, keys);
  await browser.storage[area].remove(keys);
  forget(area, keys);
}
