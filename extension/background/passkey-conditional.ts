// The conditional-UI field (passkeys offered under the site's sign-in field): the relay's request taken in,
// the inline menu's list and the member's pick. The calling origin is the browser's word (the relay's
// sender: our content script in the top frame, sender.origin), never the page's; the site must be allowed and
// the rpId rule holds. A frame, another origin or a site not allowed gets NotAllowedError and nothing else.
// The pick is approved in the same window, by the same code, as a request from Chrome's proxy.
import { browser } from "wxt/browser";
import type { PasskeyMenuView } from "../messaging";
import type { RelayRequest, StartAnswer } from "../passkey-page/relay";
import { toBase64Url } from "../passkeys/base64url";
import { candidates } from "../passkeys/get-assertion";
import { passkeyInfo } from "../passkeys/passkey";
import { allowableOrigin, readPasskeySites } from "../passkeys/passkey-sites";
import { readPasskeys } from "../passkeys/passkey-store";
import { type AssertionRequest, parseRequestOptions } from "../passkeys/request-options";
import { checkRpId } from "../passkeys/rp-id";
import { notifyRelay, type PageTarget } from "./passkey-page-notice";
import { cancelPageRequests, intakePage } from "./passkey-requests";
import { sessionRecord } from "./session-record";

export interface BridgeSender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  documentId?: string;
  tab?: { id?: number; url?: string };
}

/** A page's waiting conditional request, one per tab (a newer one replaces it). */
export interface ConditionalEntry extends PageTarget {
  origin: string;
  rpId: string;
  get: AssertionRequest;
}

const KEY = "passkeyConditional";
type Entries = Record<string, ConditionalEntry>;

const entriesRecord = sessionRecord<Entries>(KEY, () => ({}));
const readEntries = entriesRecord.read;
const changeEntries = (change: (entries: Entries) => Entries) =>
  entriesRecord.change((entries) => ({ value: change(entries), result: undefined }));

/** Our relay in the top frame of an allowed site, as the browser names it; null for anything else. */
export function relayCaller(
  sender: BridgeSender,
  sites: readonly string[],
  extensionId: string,
): { tabId: number; origin: string; documentId?: string } | null {
  if (sender.id !== extensionId || sender.frameId !== 0 || sender.tab?.id === undefined) return null;
  const origin = allowableOrigin(sender.origin ?? sender.url);
  if (!origin || !sites.includes(origin) || (sender.url && allowableOrigin(sender.url) !== origin))
    return null;
  return { tabId: sender.tab.id, origin, ...(sender.documentId ? { documentId: sender.documentId } : {}) };
}

/** The request as the background serves it, or the DOMException name the page gets instead. */
export function conditionalRequest(
  options: unknown,
  origin: string,
): { get: AssertionRequest; rpId: string } | { error: "NotAllowedError" | "SecurityError" } {
  const get = parseRequestOptions(options, true);
  if (!get) return { error: "NotAllowedError" };
  const rp = checkRpId(get.rpId, origin);
  return rp.ok ? { get, rpId: rp.rpId } : { error: "SecurityError" };
}

async function start(options: unknown, sender: BridgeSender): Promise<StartAnswer> {
  const caller = relayCaller(sender, await readPasskeySites(), browser.runtime.id);
  if (!caller) return { error: "NotAllowedError" };
  const request = conditionalRequest(options, caller.origin);
  if ("error" in request) return request;
  const token = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const entry: ConditionalEntry = { ...caller, token, ...request };
  await changeEntries((entries) => ({ ...entries, [String(caller.tabId)]: entry }));
  return { token };
}

async function cancel(token: string, sender: BridgeSender): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return;
  const entry = (await readEntries())[String(tabId)];
  if (entry?.token !== token) return;
  await changeEntries(({ [String(tabId)]: _gone, ...rest }) => rest);
  await cancelPageRequests(token);
}

/** The relay's messages (content scripts, so never through handlers.ts, which serves our own pages only). */
export function isRelayRequest(message: unknown): message is RelayRequest {
  const type = (message as { type?: unknown } | null)?.type;
  return type === "passkey-page-start" || type === "passkey-page-cancel";
}

export async function handleRelayRequest(request: RelayRequest, sender: BridgeSender): Promise<unknown> {
  if (request.type === "passkey-page-start") return start(request.options, sender);
  if (typeof request.token === "string") await cancel(request.token, sender);
  return { ok: true };
}

/** The menu's entry: its own tab's request with that token, while the tab still shows that origin. */
async function menuEntry(token: string, sender: BridgeSender): Promise<ConditionalEntry | null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId === 0) return null;
  const entry = (await readEntries())[String(tabId)];
  if (!entry || entry.token !== token) return null;
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return allowableOrigin(tab?.url) === entry.origin ? entry : null;
}

export async function menuView(token: string, sender: BridgeSender): Promise<PasskeyMenuView | null> {
  const entry = await menuEntry(token, sender);
  if (!entry) return null;
  const passkeys = await readPasskeys();
  if (!passkeys) return { rpId: entry.rpId, locked: true, passkeys: [] };
  return {
    rpId: entry.rpId,
    locked: false,
    passkeys: candidates(entry.get, entry.rpId, passkeys).map(passkeyInfo),
  };
}

/** The member chose a passkey (or, locked, the extension): our window asks for the approval. */
export async function menuPick(token: string, passkeyId: string | undefined, sender: BridgeSender) {
  const entry = await menuEntry(token, sender);
  if (!entry) return { ok: false };
  let get = entry.get;
  if (passkeyId !== undefined) {
    const usable = candidates(entry.get, entry.rpId, (await readPasskeys()) ?? []);
    if (!usable.some((p) => p.id === passkeyId)) return { ok: false };
    get = { ...entry.get, allowIds: [passkeyId] };
  }
  const { tabId, documentId } = entry;
  const page: PageTarget = { tabId, token, ...(documentId ? { documentId } : {}) };
  await intakePage({ origin: entry.origin, rpId: entry.rpId, get, page });
  await notifyRelay(page, { type: "passkey-page-menu-close", token });
  return { ok: true };
}

/** A tab closed or navigated: its conditional request is gone with its document. */
export function registerConditionalCleanup(): void {
  const forget = async (tabId: number) => {
    const entry = (await readEntries())[String(tabId)];
    if (!entry) return;
    await changeEntries(({ [String(tabId)]: _gone, ...rest }) => rest);
    await cancelPageRequests(entry.token);
  };
  browser.tabs.onRemoved.addListener((tabId) => void forget(tabId));
}
