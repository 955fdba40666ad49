import { render } from "preact";
import { send } from "../../messaging";
import { PopupApp } from "../../ui/PopupApp";
import "../../ui/styles/index.css";

// Asked before the first render: an effect would only send it after the first (empty) frame.
const opening = send({ type: "open" });
const root = document.getElementById("app");
if (root) render(<PopupApp opening={opening} />, root);
