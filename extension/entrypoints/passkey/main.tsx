import { render } from "preact";
import { PasskeyWindow } from "../../ui/PasskeyWindow";
import "../../ui/styles/index.css";

// The small window the background opens for a site's passkey request: ?request=<Chrome's request id>.
const requestId = Number(new URLSearchParams(location.search).get("request"));
const root = document.getElementById("app");
if (root) render(<PasskeyWindow requestId={requestId} />, root);
