// Every read of storage.local and storage.session goes through here: the keys asked for in one turn of the
// event loop are read with one call per area. Each storage call is a round trip to the browser process, and
// the popup's opening asks for seven values at once (background/handlers.ts `open`): two calls instead of seven.
import { browser } from "wxt/browser";

type Area = "local" | "session";

interface Batch {
  keys: Set<string>;
  values: Promise<Record<string, unknown>>;
}

const gathering: Partial<Record<Area, Batch>> = {};

/** The value stored under `key` in `area` (undefined when there is none). */
export async function readStored(area: Area, key: string): Promise<unknown> {
  let batch = gathering[area];
  if (!batch) {
    const keys = new Set<string>();
    // Read once the current turn has asked for all it needs; later asks start a new read.
    const values = Promise.resolve().then(() => {
      delete gathering[area];
      return browser.storage[area].get([...keys]);
    });
    batch = { keys, values };
    gathering[area] = batch;
  }
  batch.keys.add(key);
  return (await batch.values)[key];
}
