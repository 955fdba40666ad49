// A second site on another origin (http://second-site.localhost:<port>: a secure context like the portal's
// http://localhost, but another host) whose page tries navigator.credentials.get() for a given rpId and
// answers the DOMException's name (AbortError when it gave up, after 3 s unless told); `mediation`
// "conditional" asks as a sign-in field's autofill would (the page has one: autocomplete="username webauthn").
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const PAGE = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>別のサイト</title></head>
<body><h1>別のサイト</h1><input id="user" autocomplete="username webauthn"><script>
window.tryGet = async (rpId, waitMs = 3000, mediation) => {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), waitMs);
  try {
    await navigator.credentials.get({ signal: abort.signal, mediation, publicKey: {
      challenge: crypto.getRandomValues(new Uint8Array(32)), rpId, userVerification: "required" } });
    return "credential";
  } catch (error) {
    return error.name;
  } finally {
    clearTimeout(timer);
  }
};
</script></body></html>`;

/** What the page's tryGet answers: a DOMException's name, or "credential". */
export type TryGet = (rpId: string, waitMs?: number, mediation?: "conditional") => Promise<string>;

export async function startSecondSite(): Promise<{ url: string; host: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://second-site.localhost:${port}/`,
    host: "second-site.localhost",
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
