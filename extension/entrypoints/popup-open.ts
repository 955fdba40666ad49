// Built as /popup-open.js and loaded by popup.html as a classic script in its head: see ui/opening.ts.
import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { askOpening } from "../ui/opening";

export default defineUnlistedScript(() => askOpening());
