import { render } from "preact";
import { SettingsPage } from "../../ui/SettingsPage";
import "../../ui/styles/index.css";

const root = document.getElementById("app");
if (root) render(<SettingsPage />, root);
