// A site's passkey request from Chrome's proxy until the member answers it in our window: taken in (origin
// from Chrome, never from the page; allowed site, top-level frame, rpId rule), kept in storage.session (the
// worker may sleep while the member types), answered once. Nothing about a request reaches the page but the
// answer; a refused request answers NotAllowedError, which tells the page nothing about our passkeys.
import { browser } from "wxt/browser";
import { readPasskeySites } from "../passkeys/passkey-sites";
import {
  type AssertionRequest,
  type CreationRequest,
  parseCreationOptions,
  parseRequestOptions,
} from "../passkeys/request-options";
import { checkRpId } from "../passkeys/rp-id";
import { readStored, writeStored } from "../vault/stored-values";
import { notifyRelay, type PageTarget } from "./passkey-page-notice";
import { sessionRecord } from "./session-record";

export interface PendingRequest {
  requestId: number;
  kind: "create" | "get";
  origin: string;
  rpId: string;
  create?: CreationRequest;
  get?: AssertionRequest;
  /** The tab in front when the request came (a hand-back to the browser applies to it). */
  tabId?: number;
  windowId?: number;
  /** A pick in a page's inline menu (conditional UI, background/passkey-conditional.ts), not Chrome's proxy. */
  page?: PageTarget;
}

const PENDING_KEY = "passkeyRequests";
const HAND_BACK_KEY = "passkeyHandBack";
/** How long 「ブラウザーの認証を使う」 keeps us detached from that tab's site. */
const HAND_BACK_MS = 10 * 60_000;

type PendingMap = Record<string, PendingRequest>;

const pendingRecord = sessionRecord<PendingMap>(PENDING_KEY, () => ({}));
const readPending = pendingRecord.read;
function changePending<T>(change: (map: PendingMap) => { map: PendingMap; result: T }): Promise<T> {
  return pendingRecord.change((map) => {
    const { map: value, result } = change(map);
    return { value, result };
  });
}

/** Whether one of Chrome's proxy requests waits (a page's inline-menu pick needs no proxy). */
export async function hasPendingRequests(): Promise<boolean> {
  return Object.values(await readPending()).some((p) => !p.page);
}

export async function pendingRequest(requestId: number): Promise<PendingRequest | undefined> {
  return (await readPending())[String(requestId)];
}

/** Removes the request and answers it; false when it was already answered or cancelled (answer once). */
export async function answerRequest(
  requestId: number,
  answer: { responseJson: string } | { error: { name: string; message: string } },
): Promise<boolean> {
  const taken = await changePending((map) => {
    const found = map[String(requestId)];
    const { [String(requestId)]: _gone, ...rest } = map;
    return { map: rest, result: found };
  });
  if (!taken) return false;
  if (taken.page) {
    // A refusal leaves the page's conditional request waiting: the member may pick again from the field.
    if ("responseJson" in answer) {
      const credential = JSON.parse(answer.responseJson);
      await notifyRelay(taken.page, { type: "passkey-page-answer", token: taken.page.token, credential });
    }
    return true;
  }
  const proxy = browser.webAuthenticationProxy;
  const details = { requestId, ...answer };
  await (taken.kind === "create" ? proxy.completeCreateRequest(details) : proxy.completeGetRequest(details));
  return true;
}

export function refuse(requestId: number, name = "NotAllowedError"): Promise<boolean> {
  return answerRequest(requestId, {
    error: { name, message: "The operation either timed out or was not allowed." },
  });
}

/** The calling origin Chrome put into the request (remoteDesktopClientOverride): a page cannot set it. */
function callerOf(json: unknown): { origin: string; topLevel: boolean } | null {
  const override = (json as { extensions?: { remoteDesktopClientOverride?: unknown } })?.extensions
    ?.remoteDesktopClientOverride as { origin?: unknown; sameOriginWithAncestors?: unknown } | undefined;
  if (typeof override?.origin !== "string") return null;
  return { origin: override.origin, topLevel: override.sameOriginWithAncestors === true };
}

async function frontTabId(): Promise<number | undefined> {
  try {
    const win = await browser.windows.getLastFocused({ windowTypes: ["normal"] });
    return (await browser.tabs.query({ active: true, windowId: win.id }))[0]?.id;
  } catch {
    return undefined;
  }
}

async function openWindow(requestId: number): Promise<number | undefined> {
  const win = await browser.windows.create({
    url: browser.runtime.getURL(`/passkey.html?request=${requestId}`),
    type: "popup",
    width: 440,
    height: 620,
    focused: true,
  });
  return win?.id;
}

/** Takes a request in: refused at once unless an allowed site asks for its own rpId from its top frame. */
export async function intake(kind: "create" | "get", requestId: number, detailsJson: string): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(detailsJson);
  } catch {
    json = null;
  }
  const caller = callerOf(json);
  const sites = await readPasskeySites();
  // A cross-origin frame cannot use or learn of a passkey: its request is refused like any other.
  const allowed = caller?.topLevel === true && sites.includes(caller.origin);
  const create = kind === "create" ? parseCreationOptions(json) : undefined;
  const get = kind === "get" ? parseRequestOptions(json, false) : undefined;
  const rp = caller ? checkRpId(create ? create.rpId : get?.rpId, caller.origin) : null;
  const pending: PendingRequest = {
    requestId,
    kind,
    origin: caller?.origin ?? "",
    rpId: rp?.ok ? rp.rpId : "",
  };
  if (create) pending.create = create;
  if (get) pending.get = get;
  await changePending((map) => ({ map: { ...map, [String(requestId)]: pending }, result: 0 }));
  if (!allowed || !rp?.ok || (!create && !get)) {
    await refuse(requestId, rp && !rp.ok && allowed ? "SecurityError" : "NotAllowedError");
    return;
  }
  const tabId = await frontTabId();
  const windowId = await openWindow(requestId);
  await changePending((map) => {
    const current = map[String(requestId)];
    return {
      map: current ? { ...map, [String(requestId)]: { ...current, tabId, windowId } } : map,
      result: 0,
    };
  });
}

/** A pick in a page's inline menu: a request of our own, approved in the same window as the proxy's. */
export async function intakePage(request: {
  origin: string;
  rpId: string;
  get: AssertionRequest;
  page: PageTarget;
}): Promise<void> {
  // Negative: never one of Chrome's request ids (which count up from 1).
  const requestId = -(1 + (crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1));
  const pending: PendingRequest = { requestId, kind: "get", tabId: request.page.tabId, ...request };
  await changePending((map) => ({ map: { ...map, [String(requestId)]: pending }, result: 0 }));
  const windowId = await openWindow(requestId);
  await changePending((map) => {
    const current = map[String(requestId)];
    return { map: current ? { ...map, [String(requestId)]: { ...current, windowId } } : map, result: 0 };
  });
}

/** The page aborted its conditional request (or navigated): its picks waiting in our window go too. */
export async function cancelPageRequests(token: string): Promise<void> {
  const gone = await changePending((map) => {
    const keep = Object.entries(map).filter(([, p]) => p.page?.token !== token);
    const dropped = Object.values(map).filter((p) => p.page?.token === token);
    return { map: Object.fromEntries(keep), result: dropped };
  });
  for (const p of gone)
    if (p.windowId !== undefined) await browser.windows.remove(p.windowId).catch(() => {});
}

/** The site aborted or Chrome timed out: forget it and close its window. */
export async function cancelled(requestId: number): Promise<void> {
  const pending = await changePending((map) => {
    const { [String(requestId)]: found, ...rest } = map;
    return { map: rest, result: found };
  });
  if (pending?.windowId !== undefined) await browser.windows.remove(pending.windowId).catch(() => {});
}

/** The member closed our window without answering: the site hears NotAllowedError. */
export async function windowClosed(windowId: number): Promise<void> {
  const pending = Object.values(await readPending()).find((p) => p.windowId === windowId);
  if (pending) await refuse(pending.requestId);
}

/** 「ブラウザーの認証を使う」: this tab's site is left to the browser for a while. */
export async function handBack(pending: PendingRequest, now = Date.now()): Promise<void> {
  await writeStored("session", {
    [HAND_BACK_KEY]: { tabId: pending.tabId, origin: pending.origin, until: now + HAND_BACK_MS },
  });
}

export async function handBackActive(tabId: number | undefined, origin: string | null, now = Date.now()) {
  const value = (await readStored("session", HAND_BACK_KEY)) as
    | { tabId?: number; origin: string; until: number }
    | undefined;
  return !!value && value.tabId === tabId && value.origin === origin && now < value.until;
}
