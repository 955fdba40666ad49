// Several real portal processes on one PostgreSQL database behind a small load balancer, as a society runs
// them: one public origin (the balancer's, every instance's PORTAL_ORIGIN), TRUST_PROXY for the balancer,
// which appends the address it saw to X-Forwarded-For, one PORTAL_SECRET_KEY, one SMTP server (the test's
// catcher). A test picks the instance of a request with the `x-instance` header (the balancer drops it);
// without it requests go round robin.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Kysely } from "kysely";
import { openDatabase } from "../../../portal/db/database";
import type { Database } from "../../../portal/db/schema";
import { type CaughtMail, type MailCatcher, startMailCatcher } from "../../../portal/mail/catcher";
import type { Send } from "../../unit/portal/support/http-client";
import { type EmptySchema, emptySchema } from "../../unit/portal/support/postgres";
import { type PortalProcess, startPortalProcess } from "./portal-process";

export interface PortalCluster {
  /** The balancer's origin: what members (and the tests' browsers) use. */
  origin: string;
  instances: PortalProcess[];
  /** The test's own handle on the shared database. */
  db: Kysely<Database>;
  schema: EmptySchema;
  secretKey: Buffer;
  mail: MailCatcher;
  /** fetch() that the balancer sends to instance `index`. */
  via(index: number): Send;
  /** Waits for a mail to `address` received after `after`. */
  mailTo(address: string, after: Date): Promise<CaughtMail>;
  close(): Promise<void>;
}

export async function startPortalCluster(
  options: { instances?: number; env?: Record<string, string> } = {},
): Promise<PortalCluster> {
  const schema = await emptySchema("kosmo_cluster");
  if (!schema) throw new Error("a portal cluster needs PostgreSQL at 127.0.0.1:5432");
  const mail = await startMailCatcher(0);
  const secretKey = randomBytes(32);
  const balancer = startBalancer();
  const origin = `http://localhost:${await balancer.port}`;
  const instances: PortalProcess[] = [];
  // One after the other: the first runs the migrations and adds the demo member.
  for (let i = 0; i < (options.instances ?? 2); i++) {
    instances.push(
      await startPortalProcess({
        DATABASE_URL: schema.url,
        PORTAL_ORIGIN: origin,
        TRUST_PROXY: "127.0.0.1,::1",
        PORTAL_SECRET_KEY: secretKey.toString("hex"),
        SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
        ...options.env,
      }),
    );
  }
  balancer.route(instances.map((instance) => instance.port));
  const db = openDatabase({ dataDir: "", databaseUrl: schema.url });
  return {
    origin,
    instances,
    db,
    schema,
    secretKey,
    mail,
    via: (index) => (url, init) =>
      fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), "x-instance": String(index) },
      }),
    async mailTo(address, after) {
      for (let waited = 0; waited < 15_000; waited += 50) {
        const found = mail.messages().find((m) => m.to.includes(address) && m.receivedAt >= after);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no mail to ${address}`);
    },
    async close() {
      await Promise.all(instances.map((instance) => instance.kill()));
      await balancer.close();
      await db.destroy();
      await mail.close();
      await schema.drop();
    },
  };
}

interface Balancer {
  port: Promise<number>;
  route(ports: number[]): void;
  close(): Promise<void>;
}

function startBalancer(): Balancer {
  let ports: number[] = [];
  let next = 0;
  // A connection per request: a reused idle one may meet the portal's keep-alive timeout (a 502 of our making).
  const agent = new http.Agent({ keepAlive: false, maxSockets: 512 });
  const server = http.createServer((request, response) => {
    const chosen = request.headers["x-instance"];
    const index = typeof chosen === "string" ? Number(chosen) : next++ % ports.length;
    const headers = { ...request.headers };
    delete headers["x-instance"];
    const peer = request.socket.remoteAddress ?? "127.0.0.1";
    const forwarded = request.headers["x-forwarded-for"];
    headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
    const upstream = http.request(
      { host: "127.0.0.1", port: ports[index], method: request.method, path: request.url, headers, agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      response.writeHead(502).end();
    });
    request.pipe(upstream);
  });
  server.listen(0, "127.0.0.1");
  return {
    port: new Promise((resolve) =>
      server.once("listening", () => resolve((server.address() as AddressInfo).port)),
    ),
    route(list) {
      ports = list;
    },
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
