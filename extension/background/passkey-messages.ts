// The passkey messages of messaging.ts: the popup's list (rename, delete) and allowed sites, and the passkey
// window's request, approval and decline. After a request is answered the proxy is re-synced: with no
// request waiting it may detach.
import { browser } from "wxt/browser";
import type { PasskeysResponse, Request, ResponseMap } from "../messaging";
import { passkeyInfo } from "../passkeys/passkey";
import { allowPasskeySite, forgetPasskeySite, readPasskeySites } from "../passkeys/passkey-sites";
import { deletePasskey, readPasskeys, renamePasskey } from "../passkeys/passkey-store";
import { isUnlocked } from "../vault/vault-store";
import { approve, decline, requestView } from "./passkey-approval";
import { type BridgeSender, menuPick, menuView } from "./passkey-conditional";
import { dropPageAccess } from "./passkey-page-access";
import { syncProxy } from "./passkey-proxy";

type PasskeyType = Extract<Request["type"], `passkey-${string}`>;
type Handlers = {
  [T in PasskeyType]: (
    request: Extract<Request, { type: T }>,
    sender: BridgeSender,
  ) => Promise<ResponseMap[T]>;
};

async function list(change?: () => Promise<unknown>): Promise<PasskeysResponse> {
  const sites = await readPasskeySites();
  if (!(await isUnlocked())) return { locked: true, sites };
  if (change) await change();
  return { passkeys: ((await readPasskeys()) ?? []).map(passkeyInfo), sites };
}

export const passkeyHandlers: Handlers = {
  "passkey-list": () => list(),
  "passkey-rename": ({ id, label }) => list(() => renamePasskey(id, label)),
  "passkey-delete": ({ id }) => list(() => deletePasskey(id)),
  "passkey-allow-site": async ({ tabId }) => {
    // The popup's page, read here under the activeTab grant the popup's opening gave for that tab.
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    const sites = await allowPasskeySite(tab?.url ?? "");
    await syncProxy();
    return sites ? { allowed: true, sites } : { allowed: false, sites: await readPasskeySites() };
  },
  "passkey-forget-site": async ({ origin }) => {
    const sites = await forgetPasskeySite(origin);
    await dropPageAccess(origin);
    await syncProxy();
    return { sites };
  },
  "passkey-request": ({ requestId }) => requestView(requestId),
  "passkey-approve": async ({ requestId, password, passkeyId }) => {
    const result = await approve(requestId, password, passkeyId);
    await syncProxy();
    return result;
  },
  "passkey-menu": ({ token }, sender) => menuView(token, sender),
  "passkey-menu-pick": ({ token, passkeyId }, sender) => menuPick(token, passkeyId, sender),
  "passkey-decline": async ({ requestId, toBrowser }) => {
    await decline(requestId, toBrowser);
    await syncProxy();
    return { ok: true };
  },
};
