// The popup's whole script, built as /popup-app.js: a WXT unlisted script, i.e. one classic file with Preact,
// the views and the styles inside, which popup.html loads. An extension page fetches each of its files through
// the browser process, so one file (instead of a module and its chunks, plus a stylesheet) is what the first
// code waits for (bench/RESULTS.md). The opening questions were asked by popup-open.js before this file arrived.
import { render } from "preact";
import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { askOpening } from "../ui/opening";
import { PopupApp } from "../ui/PopupApp";
import styles from "../ui/styles/index.css?inline";

export default defineUnlistedScript(() => {
  const opening = askOpening();
  const style = document.createElement("style");
  style.textContent = styles;
  document.head.append(style);
  const root = document.getElementById("app");
  if (root) render(<PopupApp opening={opening} />, root);
});
