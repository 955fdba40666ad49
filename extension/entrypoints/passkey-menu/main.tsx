import { render } from "preact";
import { PasskeyMenu } from "../../ui/PasskeyMenu";
import "../../ui/styles/index.css";

// The inline menu under a site's passkey field (the relay's iframe): ?token=<the page's conditional request>.
const token = new URLSearchParams(location.search).get("token") ?? "";
render(<PasskeyMenu token={token} />, document.body);
