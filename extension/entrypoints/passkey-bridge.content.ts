// The conditional-UI field's page bridge (MAIN world). Registered at run time by the background for exactly
// the sites the member allowed and granted (background/passkey-page-access.ts); see passkey-page/page-bridge.ts.
import { defineContentScript } from "wxt/utils/define-content-script";
import { installPageBridge } from "../passkey-page/page-bridge";

export default defineContentScript({
  registration: "runtime",
  world: "MAIN",
  main() {
    installPageBridge(window);
  },
});
