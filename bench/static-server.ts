// A tiny loopback HTTP server for the benchmark pages (bundle, HTML, the decoder's .wasm); random port.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface StaticFile {
  type: string;
  body: string | Buffer;
}

export async function serveFiles(
  files: Record<string, StaticFile>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? "/", "http://x").pathname];
    response.writeHead(file ? 200 : 404, {
      "content-type": file?.type ?? "text/plain",
      "cache-control": "no-store",
    });
    response.end(file?.body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
