import { render } from "preact";
import { PopupApp } from "../../ui/PopupApp";
import "../../ui/popup.css";

const root = document.getElementById("app");
if (root) render(<PopupApp />, root);
