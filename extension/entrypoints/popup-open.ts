// popup.html's first script, a few hundred bytes, run before its main script (popup-app.js) has arrived: it asks
// the opening questions (ui/opening.ts) so that the worker and the browser answer while that script loads.
import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { askOpening } from "../ui/opening";

export default defineUnlistedScript(() => {
  askOpening();
});
