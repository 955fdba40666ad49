// The page-script path of the conditional-UI field: the bridge (MAIN world) and the relay (ISOLATED world),
// registered for exactly the sites that are both allowed (「このサイトでパスキーを使う」) and granted as an
// optional host permission (asked by the popup in that click: the install asks for no host access). Kept in
// step with the list and the grants; removing a site removes its grant and so its registration.
import { browser } from "wxt/browser";
import { onPasskeySitesChanged, readPasskeySites } from "../passkeys/passkey-sites";
import { originPattern } from "../passkeys/site-pattern";

const BRIDGE = {
  id: "kosmo-passkey-bridge",
  js: "content-scripts/passkey-bridge.js",
  world: "MAIN",
} as const;
const RELAY = {
  id: "kosmo-passkey-relay",
  js: "content-scripts/passkey-relay.js",
  world: "ISOLATED",
} as const;

/** The registrations for `matches` (none when empty): top frames only, before the page's own scripts. */
export function pageScripts(matches: string[]) {
  if (matches.length === 0) return [];
  return [BRIDGE, RELAY].map(({ id, js, world }) => ({
    id,
    js: [js],
    matches,
    world,
    runAt: "document_start" as const,
    allFrames: false,
    persistAcrossSessions: true,
  }));
}

async function grantedSites(): Promise<string[]> {
  const sites = await readPasskeySites();
  const granted = await Promise.all(
    sites.map((site) => browser.permissions.contains({ origins: [originPattern(site)] }).catch(() => false)),
  );
  return sites.filter((_, i) => granted[i]);
}

let queue: Promise<unknown> = Promise.resolve();

/** Registers the bridge and relay for the allowed and granted sites; serialised (events come in bursts). */
export function syncPageScripts(): Promise<void> {
  const run = queue.then(async () => {
    const matches = (await grantedSites()).map(originPattern);
    const ids = [BRIDGE.id, RELAY.id];
    const registered = await browser.scripting.getRegisteredContentScripts({ ids });
    const same =
      registered.length === (matches.length ? ids.length : 0) &&
      registered.every((r) => JSON.stringify(r.matches ?? []) === JSON.stringify(matches));
    if (same) return;
    if (registered.length > 0)
      await browser.scripting.unregisterContentScripts({ ids: registered.map((r) => r.id) });
    const scripts = pageScripts(matches);
    if (scripts.length > 0) await browser.scripting.registerContentScripts(scripts);
  });
  queue = run.catch(() => {});
  return run;
}

/** A site removed from the list: its host permission goes too (refused for one the manifest lists). */
export async function dropPageAccess(origin: string): Promise<void> {
  await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  await syncPageScripts();
}

export function registerPageAccess(): void {
  browser.permissions.onAdded.addListener(() => void syncPageScripts());
  browser.permissions.onRemoved.addListener(() => void syncPageScripts());
  onPasskeySitesChanged(() => void syncPageScripts());
  void syncPageScripts();
}
