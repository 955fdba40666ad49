import { render } from "preact";
import { GuidePage } from "../../ui/GuidePage";
import "../../ui/styles/index.css";

const root = document.getElementById("app");
if (root) render(<GuidePage />, root);
