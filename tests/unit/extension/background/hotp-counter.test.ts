// An HOTP code is used once: the popup's next code and a fill both take the code at the stored counter and
// move it on in one serialised vault write, so fills at the same moment never hand out the same code.
import { HOTP, Secret } from "otpauth";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { handleRequest } = await import("../../../../extension/background/handlers");
const { takeHotpCode } = await import("../../../../extension/background/hotp-counter");

const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL("/popup.html") };
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const codeAt = (counter: number) => HOTP.generate({ secret: Secret.fromBase32(SECRET), counter });

beforeEach(() => {
  fakeBrowser.reset();
});

describe("HOTP counter", () => {
  it("hands out each counter's code once to takers racing each other, and the list shows the counter after them", async () => {
    await handleRequest({ type: "create", password: "correct horse battery" }, page);
    const { accounts } = (await handleRequest(
      {
        type: "add-uri",
        text: `otpauth://hotp/Bank:ann?secret=${SECRET}&issuer=Bank&counter=5`,
        mode: "ask",
      },
      page,
    )) as { accounts: { id: string }[] };
    const id = accounts[0]!.id;
    const taken = await Promise.all(Array.from({ length: 4 }, () => takeHotpCode(id)));
    expect(taken.map((t) => t.code).sort()).toEqual([5, 6, 7, 8].map(codeAt).sort());
    const next = (await handleRequest({ type: "hotp-next", id }, page)) as {
      accounts: { counter?: number }[];
    };
    expect(next.accounts[0]?.counter).toBe(10);
  });

  it("moves nothing while locked", async () => {
    await handleRequest({ type: "create", password: "correct horse battery" }, page);
    await handleRequest({ type: "lock" }, page);
    expect(await handleRequest({ type: "hotp-next", id: "any" }, page)).toEqual({ locked: true });
  });
});
