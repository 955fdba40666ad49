// Request bodies over 64 KiB are refused before any form is read; pages without a body are not held back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../portal/app";
import { createTestDeps, type TestDeps } from "./support/test-deps";

const bindings = {
  incoming: { socket: { remoteAddress: "127.0.0.1", remoteFamily: "IPv4", remotePort: 1 } },
};

let deps: TestDeps;

beforeEach(async () => {
  deps = await createTestDeps();
});

afterEach(() => deps.cleanup());

function post(body: BodyInit, headers: Record<string, string> = {}) {
  const origin = deps.config.portalOrigin;
  return createApp(deps).fetch(
    new Request(`${origin}/login`, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin, ...headers },
      duplex: "half",
    } as RequestInit),
    bindings,
  );
}

const oversized = `user_id=a&password=${"x".repeat(64 * 1024)}`;

describe("body size limit", () => {
  it("refuses a POST over 64 KiB with the error page, with or without Content-Length", async () => {
    const declared = await post(oversized);
    expect(declared.status).toBe(400);
    expect(await declared.text()).not.toContain('name="user_id"');
    const streamed = await post(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(oversized));
          controller.close();
        },
      }),
    );
    expect(streamed.status).toBe(400);
  });

  it("lets a small POST and a GET through to their routes", async () => {
    // A wrong password: the sign-in page again with its own error, not the size limit's error page.
    const small = await post("user_id=nobody&password=wrong");
    expect(await small.text()).toContain('name="user_id"');
    const page = await createApp(deps).fetch(new Request(`${deps.config.portalOrigin}/login`), bindings);
    expect(page.status).toBe(200);
  });
});
