// Runtime content script (not in the manifest; injected on demand with activeTab + scripting) that fills a
// one-time code into the page. See extension/fill/fill-script.ts for the injection API and the result.
import { browser } from "wxt/browser";
import { defineContentScript } from "wxt/utils/define-content-script";
import { fillOtpCode, isFillRequest } from "../fill/fill-script";

const READY = Symbol.for("kosmo-authenticator.fill-ready");

export default defineContentScript({
  registration: "runtime",
  main() {
    const scope = globalThis as unknown as Record<symbol, boolean>;
    if (scope[READY]) return; // injected again into the same frame: the first listener answers
    scope[READY] = true;
    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
      if (!isFillRequest(message)) return undefined;
      sendResponse(fillOtpCode(document, message.code, message.origin));
      return undefined;
    });
  },
});
