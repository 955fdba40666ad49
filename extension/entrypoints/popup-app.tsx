// The popup's whole script, built as /popup-app.js: a WXT unlisted script, i.e. one classic file with Preact,
// the views and the styles inside, which popup.html loads. An extension page fetches each of its files through
// the browser process, so one file (instead of a module and its chunks, plus a stylesheet) is what the first
// code waits for (bench/RESULTS.md). The opening question goes first: the service worker reads the vault while
// the rest of this script runs.
import { render } from "preact";
import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { send } from "../messaging";
import { PopupApp } from "../ui/PopupApp";
import styles from "../ui/styles/index.css?inline";

export default defineUnlistedScript(() => {
  const opening = send({ type: "open" });
  const style = document.createElement("style");
  style.textContent = styles;
  document.head.append(style);
  const root = document.getElementById("app");
  if (root) render(<PopupApp opening={opening} />, root);
});
