import { render } from "preact";
import { GuidePage } from "../../ui/GuidePage";
import "../../ui/popup.css";

const root = document.getElementById("app");
if (root) render(<GuidePage />, root);
