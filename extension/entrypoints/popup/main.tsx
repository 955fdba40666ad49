import { render } from "preact";
import { takeOpening } from "../../ui/opening";
import { PopupApp } from "../../ui/PopupApp";
import "../../ui/styles/index.css";

// Asked by popup-open.js in the head, before these modules loaded (or now, if it did not run).
const opening = takeOpening();
const root = document.getElementById("app");
if (root) render(<PopupApp opening={opening} />, root);
