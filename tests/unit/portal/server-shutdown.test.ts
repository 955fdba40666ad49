// The deadline of a graceful stop: a request still running at SHUTDOWN_TIMEOUT_MS (here a body that never
// finishes arriving) is cut, and the stop resolves, saying so; an idle keep-alive connection does not hold it.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startPortal } from "../../../portal/server";

describe("graceful stop", () => {
  it("cuts a request still running at SHUTDOWN_TIMEOUT_MS and ends idle keep-alive connections at once", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "kosmo-shutdown-"));
    const portal = await startPortal({
      port: 0,
      dataDir,
      env: { NODE_ENV: "test", SHUTDOWN_TIMEOUT_MS: "300" },
    });
    try {
      // An idle keep-alive connection: one answered request, the socket kept for the next.
      const agent = new http.Agent({ keepAlive: true });
      const idle = await fetchThrough(agent, `${portal.origin}/healthz`);
      expect(idle).toBe(200);

      // A sign-in whose body never finishes arriving.
      const slow = connect(portal.port, "127.0.0.1");
      await once(slow, "connect");
      const host = new URL(portal.origin).host;
      slow.write(
        `POST /login HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${portal.origin}\r\nSec-Fetch-Site: same-origin\r\n` +
          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nuser_id=a",
      );
      await new Promise((resolve) => setTimeout(resolve, 200));

      const started = Date.now();
      const closed = once(slow, "close");
      const { cutConnections } = await portal.shutdown();
      expect(cutConnections).toBe(1); // the slow one; the idle one had already gone
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      await closed;
      agent.destroy();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

function fetchThrough(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      })
      .on("error", reject);
  });
}
