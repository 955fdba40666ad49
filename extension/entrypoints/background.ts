// The service worker: owns the vault key, decoding, capture and fill. Extension pages talk to it through
// messaging.ts; the worker may be stopped at any time, so every state lives in storage (variables hold only
// caches of it, such as the opened vault in vault/vault-store.ts).
import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { registerClipboardClear } from "../background/clipboard-clear";
import { registerFillTriggers } from "../background/fill-tab";
import { handleRequest } from "../background/handlers";
import {
  handleRelayRequest,
  isRelayRequest,
  registerConditionalCleanup,
} from "../background/passkey-conditional";
import { registerPageAccess } from "../background/passkey-page-access";
import { registerPasskeyProxy } from "../background/passkey-proxy";
import { cancelled, intake, windowClosed } from "../background/passkey-requests";
import type { Request } from "../messaging";
import { registerAutoLock } from "../vault/auto-lock";
import { restrictSessionStorage } from "../vault/session-key";
import { lockVault } from "../vault/vault-store";

export default defineBackground(() => {
  void restrictSessionStorage();

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // The conditional-UI relay is a content script: it has its own few messages, checked by their sender.
    if (isRelayRequest(message)) {
      handleRelayRequest(message, sender).then(sendResponse, () =>
        sendResponse({ error: "NotAllowedError" }),
      );
      return true;
    }
    handleRequest(message as Request, sender, sendResponse).catch(() => sendResponse({ error: true }));
    return true; // answer asynchronously
  });

  registerAutoLock(lockVault);
  registerClipboardClear();

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === "install") void browser.tabs.create({ url: browser.runtime.getURL("/guide.html") });
  });

  registerFillTriggers(browser.i18n.getMessage("contextMenuFill"));

  registerPasskeyProxy({
    create: (requestId, json) => intake("create", requestId, json),
    get: (requestId, json) => intake("get", requestId, json),
    cancelled,
  });
  registerPageAccess();
  registerConditionalCleanup();
  browser.windows.onRemoved.addListener((windowId) => void windowClosed(windowId));
});
