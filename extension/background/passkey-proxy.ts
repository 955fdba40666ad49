// Chrome's WebAuthn proxy (chrome.webAuthenticationProxy): while attached, every navigator.credentials
// create()/get() of the profile comes to us, and answering one with an error does not hand it back to the
// browser's own authenticator (detaching mid-request aborts it too). So we attach only while the front tab
// of the last focused browser window is a site the member allowed, or while one of our requests is waiting,
// and stay detached elsewhere: every other site's request goes to the browser's own authenticator untouched.
// Why this path and not a page script, and why the `tabs` permission: extension/passkeys/README.md.
import { browser } from "wxt/browser";
import { allowableOrigin, onPasskeySitesChanged, readPasskeySites } from "../passkeys/passkey-sites";
import { handBackActive, hasPendingRequests } from "./passkey-requests";

const proxy = browser.webAuthenticationProxy;

/** The origin of the front tab of the last focused normal window (our own passkey window is no browser tab). */
async function frontTab(): Promise<{ tabId?: number; origin: string | null }> {
  try {
    const win = await browser.windows.getLastFocused({ windowTypes: ["normal"] });
    const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
    return { tabId: tab?.id, origin: allowableOrigin(tab?.url) };
  } catch {
    return { origin: null };
  }
}

let attached = false;
let queue: Promise<unknown> = Promise.resolve();

/** Attaches or detaches to match the front tab; serialised, since tab events come in bursts. */
export function syncProxy(): Promise<void> {
  const run = queue.then(async () => {
    const [sites, front, pending] = await Promise.all([readPasskeySites(), frontTab(), hasPendingRequests()]);
    const allowed = front.origin !== null && sites.includes(front.origin);
    const want = pending || (allowed && !(await handBackActive(front.tabId, front.origin)));
    if (want === attached) return;
    // attach() answers an error string when another extension (a password manager) is attached: we then
    // stay out of its way rather than fight over the proxy.
    const error = want ? await proxy.attach() : await proxy.detach();
    if (!error) attached = want;
    else if (!want) attached = false;
  });
  queue = run.catch(() => {});
  return run;
}

/** The listeners, registered at the worker's start (events wake a stopped worker only then). */
export function registerPasskeyProxy(intake: {
  create: (requestId: number, json: string) => Promise<void>;
  get: (requestId: number, json: string) => Promise<void>;
  cancelled: (requestId: number) => Promise<void>;
}): void {
  if (!proxy) return; // a browser without the API (Firefox): passkeys stay with the browser
  proxy.onCreateRequest.addListener(({ requestId, requestDetailsJson }) => {
    void intake.create(requestId, requestDetailsJson);
  });
  proxy.onGetRequest.addListener(({ requestId, requestDetailsJson }) => {
    void intake.get(requestId, requestDetailsJson);
  });
  // While attached we are the platform authenticator: it verifies the user (the master password).
  proxy.onIsUvpaaRequest.addListener(({ requestId }) => {
    void proxy.completeIsUvpaaRequest({ requestId, isUvpaa: true });
  });
  proxy.onRequestCanceled.addListener((requestId) => {
    void intake.cancelled(requestId);
  });
  browser.tabs.onActivated.addListener(() => void syncProxy());
  browser.tabs.onUpdated.addListener((_tabId, change) => {
    if (change.url !== undefined || change.status === "loading") void syncProxy();
  });
  browser.windows.onFocusChanged.addListener(() => void syncProxy());
  onPasskeySitesChanged(() => void syncProxy());
  void syncProxy();
}
