import { render } from "preact";
import { RecoverySheet } from "../../ui/RecoverySheet";
import "../../ui/styles/index.css";
import "../../ui/styles/recovery-sheet.css";

const root = document.getElementById("app");
if (root) render(<RecoverySheet />, root);
