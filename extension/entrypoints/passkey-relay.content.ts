// The conditional-UI field's relay (ISOLATED world), beside the page bridge on the same sites; see
// passkey-page/relay.ts. The inline menu is our passkey-menu.html, web-accessible through a dynamic URL.
import { browser } from "wxt/browser";
import { defineContentScript } from "wxt/utils/define-content-script";
import { createInlineMenu } from "../passkey-page/inline-menu";
import { isRelayNotice, startRelay } from "../passkey-page/relay";

export default defineContentScript({
  registration: "runtime",
  main() {
    const relay = startRelay({
      win: window,
      menu: createInlineMenu(document),
      send: (request) => browser.runtime.sendMessage(request),
      menuUrl: (token) =>
        `${browser.runtime.getURL("/passkey-menu.html")}?token=${encodeURIComponent(token)}`,
    });
    browser.runtime.onMessage.addListener((message: unknown) => {
      if (isRelayNotice(message)) relay.notice(message);
      return undefined;
    });
  },
});
