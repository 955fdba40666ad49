// A site's request as Chrome's proxy hands it over: only an allowed site's top frame, asking for an rpId it
// may use, gets our window; everything else is answered NotAllowedError (or SecurityError for a bad rpId) at
// once, before any window and without reading the vault. The origin is Chrome's (remoteDesktopClientOverride),
// a request is answered exactly once, and the member's approval makes a credential the site can verify.
import { verifyRegistrationResponse } from "@simplewebauthn/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

type Completion = { requestId: number; responseJson?: string; error?: { name: string } };
const completed: Completion[] = [];
const proxy = {
  completeCreateRequest: async (details: Completion) => void completed.push(details),
  completeGetRequest: async (details: Completion) => void completed.push(details),
  attach: async () => undefined,
  detach: async () => undefined,
};
Object.assign(fakeBrowser, { webAuthenticationProxy: proxy });
vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));

const { cancelled, intake, pendingRequest } = await import(
  "../../../../extension/background/passkey-requests"
);
const { approve } = await import("../../../../extension/background/passkey-approval");
const { allowPasskeySite } = await import("../../../../extension/passkeys/passkey-sites");
const { createVault } = await import("../../../../extension/vault/vault-store");
const { readPasskeys } = await import("../../../../extension/passkeys/passkey-store");
const { writeSettings, DEFAULT_SETTINGS } = await import("../../../../extension/settings");

const ORIGIN = "https://portal.kosmo.example.jp";
const challenge = Buffer.alloc(32, 7).toString("base64url");

function createJson(origin: string, opts: { rpId?: string; topLevel?: boolean } = {}) {
  return JSON.stringify({
    rp: { id: opts.rpId ?? "kosmo.example.jp", name: "KOSMO Web" },
    user: { id: Buffer.from("member-1").toString("base64url"), name: "K1234567", displayName: "山田 太郎" },
    challenge,
    pubKeyCredParams: [{ type: "public-key", alg: -7 }],
    // What the page itself may write here is replaced by Chrome with the real caller.
    extensions: { remoteDesktopClientOverride: { origin, sameOriginWithAncestors: opts.topLevel ?? true } },
  });
}

async function windowsOpened(): Promise<number> {
  return (await fakeBrowser.windows.getAll()).length;
}

beforeEach(async () => {
  fakeBrowser.reset();
  completed.length = 0;
  await allowPasskeySite(`${ORIGIN}/login`);
});

describe("passkey requests from Chrome's proxy", { timeout: 60_000 }, () => {
  it("refuses other origins, cross-origin frames and foreign rpIds before any window opens", async () => {
    const before = await windowsOpened();
    await intake("create", 1, createJson("https://evil.example", { rpId: "evil.example" }));
    await intake("create", 2, createJson(ORIGIN, { topLevel: false }));
    await intake("create", 3, createJson(ORIGIN, { rpId: "example.jp.evil.example" }));
    await intake("create", 4, createJson(ORIGIN, { rpId: "co.jp" }));
    await intake("create", 5, "{not json");
    await intake("get", 6, JSON.stringify({ challenge })); // no caller named by Chrome
    expect(completed.map((c) => [c.requestId, c.error?.name])).toEqual([
      [1, "NotAllowedError"],
      [2, "NotAllowedError"],
      [3, "SecurityError"],
      [4, "SecurityError"],
      [5, "NotAllowedError"],
      [6, "NotAllowedError"],
    ]);
    expect(completed.every((c) => c.responseJson === undefined)).toBe(true);
    expect(await windowsOpened()).toBe(before);
    expect(await pendingRequest(3)).toBeUndefined();
  });

  it("opens a window for the allowed site, asks the master password, and answers once", async () => {
    await createVault("correct horse battery");
    await intake("create", 7, createJson(ORIGIN));
    expect(completed).toEqual([]);
    expect(await pendingRequest(7)).toMatchObject({
      kind: "create",
      origin: ORIGIN,
      rpId: "kosmo.example.jp",
    });
    // A typed master password is checked (throttled like unlock): a wrong one changes nothing.
    expect(await approve(7, "wrong password")).toMatchObject({ status: "refused", reason: "wrong-password" });
    expect(completed).toEqual([]);
    expect(await approve(7, "correct horse battery")).toEqual({ status: "done" });
    expect(await approve(7, "correct horse battery")).toEqual({ status: "gone" });
    expect(completed).toHaveLength(1);
    const response = JSON.parse(completed[0]!.responseJson!);
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: "kosmo.example.jp",
      requireUserVerification: true,
    });
    expect(verified.verified).toBe(true);
    expect((await readPasskeys())?.map((p) => p.origin)).toEqual([ORIGIN]);
  });

  it("accepts a password typed within the recent-unlock window, and asks again with the window at 0", async () => {
    await createVault("correct horse battery");
    await intake(
      "get",
      8,
      JSON.stringify({
        challenge,
        rpId: "kosmo.example.jp",
        extensions: { remoteDesktopClientOverride: { origin: ORIGIN, sameOriginWithAncestors: true } },
      }),
    );
    // Just typed (the vault's creation): within the default minute, no password; no passkey here yet.
    expect(await approve(8)).toEqual({ status: "no-passkey" });
    await writeSettings({ ...DEFAULT_SETTINGS, passkeyUnlockMinutes: 0 });
    expect(await approve(8)).toEqual({ status: "needs-password" });
    expect(completed).toEqual([]);
  });

  it("answers InvalidStateError for an excluded passkey only after approval; a cancelled request is gone", async () => {
    await createVault("correct horse battery");
    await intake("create", 10, createJson(ORIGIN));
    await approve(10, "correct horse battery");
    const [held] = (await readPasskeys()) ?? [];
    const excluding = JSON.parse(createJson(ORIGIN));
    excluding.excludeCredentials = [{ type: "public-key", id: held!.id }];
    await intake("create", 11, JSON.stringify(excluding));
    expect(completed.map((c) => c.requestId)).toEqual([10]); // nothing said before the member approves
    expect(await approve(11, "correct horse battery")).toEqual({ status: "excluded" });
    expect(completed.at(-1)).toMatchObject({ requestId: 11, error: { name: "InvalidStateError" } });

    // The site gave up before the member approved: nothing is made.
    await intake("create", 12, createJson(ORIGIN, { rpId: "portal.kosmo.example.jp" }));
    await cancelled(12);
    expect(await approve(12, "correct horse battery")).toEqual({ status: "gone" });
    expect((await readPasskeys())?.map((p) => p.id)).toEqual([held!.id]);
  });
});
