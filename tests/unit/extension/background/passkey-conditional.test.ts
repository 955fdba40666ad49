// The conditional-UI field seen from the background: only our relay in the top frame of an allowed site is
// served, with the origin the browser names (sender), never the page's; the rpId rule holds; the inline menu
// lists the site's passkeys only to our own frame in that tab; a pick is approved in the same window as
// パスキーでログイン, and the relay of that document receives an assertion the server verifies. Other origins,
// frames and tabs get NotAllowedError or nothing, and learn nothing.
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

vi.mock("wxt/browser", () => ({ browser: fakeBrowser }));
const notices: { tabId: number; message: unknown; options: unknown }[] = [];

const { conditionalRequest, handleRelayRequest, menuPick, menuView, relayCaller } = await import(
  "../../../../extension/background/passkey-conditional"
);
const { approve, requestView } = await import("../../../../extension/background/passkey-approval");
const { pendingRequest } = await import("../../../../extension/background/passkey-requests");
const { allowPasskeySite } = await import("../../../../extension/passkeys/passkey-sites");
const { storePasskey } = await import("../../../../extension/passkeys/passkey-store");
const { createCredential } = await import("../../../../extension/passkeys/create-credential");
const { parseCreationOptions } = await import("../../../../extension/passkeys/request-options");
const { createVault, lockVault } = await import("../../../../extension/vault/vault-store");
const { verifyRegistrationResponse } = await import("@simplewebauthn/server");

const ORIGIN = "https://portal.kosmo.example.jp";
const ID = fakeBrowser.runtime.id;
const challenge = Buffer.alloc(32, 5).toString("base64url");
const relay = (over: Record<string, unknown> = {}) => ({
  id: ID,
  url: `${ORIGIN}/login`,
  origin: ORIGIN,
  frameId: 0,
  documentId: "doc-1",
  tab: { id: 7 },
  ...over,
});

describe("who the relay's caller is", () => {
  const sites = [ORIGIN];
  it("is our content script in the top frame of an allowed site, as the browser names it", () => {
    expect(relayCaller(relay(), sites, ID)).toEqual({ tabId: 7, origin: ORIGIN, documentId: "doc-1" });
  });
  it("is nobody for a frame, another origin, another extension or a mismatched URL", () => {
    expect(relayCaller(relay({ frameId: 3 }), sites, ID)).toBeNull();
    expect(
      relayCaller(relay({ origin: "https://evil.example", url: "https://evil.example/" }), sites, ID),
    ).toBeNull();
    expect(
      relayCaller(relay({ origin: "https://kosmo.example.jp", url: "https://kosmo.example.jp/" }), sites, ID),
    ).toBeNull();
    expect(relayCaller(relay({ id: "another-extension" }), sites, ID)).toBeNull();
    expect(relayCaller(relay({ url: "https://evil.example/" }), sites, ID)).toBeNull();
    expect(relayCaller(relay({ tab: undefined }), sites, ID)).toBeNull();
    expect(
      relayCaller(
        relay({ origin: "http://portal.kosmo.example.jp", url: "http://portal.kosmo.example.jp/" }),
        ["http://portal.kosmo.example.jp"],
        ID,
      ),
    ).toBeNull();
  });
});

describe("the request a page may make", () => {
  it("follows the rpId rule against the browser's origin, whatever the page claims", () => {
    expect(conditionalRequest({ challenge, rpId: "kosmo.example.jp" }, ORIGIN)).toMatchObject({
      rpId: "kosmo.example.jp",
    });
    expect(conditionalRequest({ challenge }, ORIGIN)).toMatchObject({ rpId: "portal.kosmo.example.jp" });
    expect(conditionalRequest({ challenge, rpId: "evil.example" }, ORIGIN)).toEqual({
      error: "SecurityError",
    });
    expect(conditionalRequest({ challenge, rpId: "kosmo.example.jp.evil.example" }, ORIGIN)).toEqual({
      error: "SecurityError",
    });
    expect(conditionalRequest({ challenge, rpId: "jp" }, ORIGIN)).toEqual({ error: "SecurityError" });
    expect(conditionalRequest({ challenge: "not base64url!" }, ORIGIN)).toEqual({ error: "NotAllowedError" });
    expect(conditionalRequest(null, ORIGIN)).toEqual({ error: "NotAllowedError" });
  });
});

async function registered(rpId: string, userName: string) {
  const request = parseCreationOptions({
    rp: { id: rpId, name: "KOSMO Web" },
    user: { id: Buffer.from(userName).toString("base64url"), name: userName, displayName: "" },
    challenge,
    pubKeyCredParams: [{ type: "public-key", alg: -7 }],
  })!;
  const origin = `https://portal.${rpId}`;
  const made = await createCredential({ request, rpId, origin, userVerified: true });
  await storePasskey(made.passkey);
  const verified = await verifyRegistrationResponse({
    response: made.response as unknown as Parameters<typeof verifyRegistrationResponse>[0]["response"],
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpId,
  });
  return { passkey: made.passkey, publicKey: verified.registrationInfo!.credential.publicKey };
}

describe("the inline menu and the pick", { timeout: 60_000 }, () => {
  const menuFrame = { id: ID, url: "chrome-extension://x/passkey-menu.html", frameId: 12, tab: { id: 7 } };

  beforeEach(async () => {
    fakeBrowser.reset();
    notices.length = 0;
    vi.spyOn(fakeBrowser.tabs, "sendMessage").mockImplementation((async (
      tabId: number,
      message: unknown,
      options: unknown,
    ) => {
      notices.push({ tabId, message, options });
    }) as never);
    await allowPasskeySite(`${ORIGIN}/login`);
    await createVault("correct horse battery");
  });

  it("keeps every tab's request when several tabs start at once", async () => {
    await registered("kosmo.example.jp", "K1234567");
    const tabs = await Promise.all(
      Array.from({ length: 8 }, () => fakeBrowser.tabs.create({ url: `${ORIGIN}/login` })),
    );
    const answers = (await Promise.all(
      tabs.map((tab) =>
        handleRelayRequest(
          { type: "passkey-page-start", options: { challenge, rpId: "kosmo.example.jp" } },
          relay({ tab: { id: tab.id } }),
        ),
      ),
    )) as { token: string }[];
    for (const [i, tab] of tabs.entries()) {
      const view = await menuView(answers[i]!.token, { ...menuFrame, tab: { id: tab.id } });
      expect(view?.passkeys).toHaveLength(1);
    }
  });

  it("lists the site's passkeys only to our frame in that tab, and answers the relay after approval", async () => {
    const mine = await registered("kosmo.example.jp", "K1234567");
    await registered("other.example", "someone-else");
    const tab = await fakeBrowser.tabs.create({ url: `${ORIGIN}/login` });
    const sender = relay({ tab: { id: tab.id } });
    const frame = { ...menuFrame, tab: { id: tab.id } };
    expect(
      await handleRelayRequest(
        { type: "passkey-page-start", options: { challenge, rpId: "evil.example" } },
        sender,
      ),
    ).toEqual({ error: "SecurityError" });
    expect(
      await handleRelayRequest(
        { type: "passkey-page-start", options: { challenge } },
        relay({ frameId: 2, tab: { id: tab.id } }),
      ),
    ).toEqual({ error: "NotAllowedError" });
    const started = (await handleRelayRequest(
      { type: "passkey-page-start", options: { challenge, rpId: "kosmo.example.jp" } },
      sender,
    )) as { token: string };
    expect(started.token).toMatch(/^[\w-]{22}$/);

    // The menu: its own tab and token only; the top frame itself (the page's side) is never answered.
    expect(await menuView("guessed", frame)).toBeNull();
    expect(await menuView(started.token, { ...frame, tab: { id: 999 } })).toBeNull();
    expect(await menuView(started.token, { ...frame, frameId: 0 })).toBeNull();
    const view = await menuView(started.token, frame);
    expect(view?.passkeys.map((p) => p.userName)).toEqual(["K1234567"]);
    expect(view?.passkeys[0]).not.toHaveProperty("privateKey");

    // Locked: no names, only the way to the window.
    await lockVault();
    expect(await menuView(started.token, frame)).toEqual({
      rpId: "kosmo.example.jp",
      locked: true,
      passkeys: [],
    });

    expect(await menuPick(started.token, "not-a-passkey-of-this-site", frame)).toEqual({ ok: false });
    expect(await menuPick(started.token, undefined, frame)).toEqual({ ok: true });
    expect(notices.at(-1)?.message).toEqual({ type: "passkey-page-menu-close", token: started.token });
    const [requestId] = Object.keys(
      (await fakeBrowser.storage.session.get("passkeyRequests")).passkeyRequests as object,
    );
    const pending = await pendingRequest(Number(requestId));
    expect(pending).toMatchObject({
      kind: "get",
      origin: ORIGIN,
      rpId: "kosmo.example.jp",
      page: { tabId: tab.id, documentId: "doc-1" },
    });
    expect(Number(requestId)).toBeLessThan(0);
    expect(await requestView(Number(requestId))).toMatchObject({
      kind: "get",
      origin: ORIGIN,
      fromField: true,
    });

    // The same approval as the proxy's: the master password (the vault is locked now).
    expect(await approve(Number(requestId))).toEqual({ status: "needs-password" });
    expect(await approve(Number(requestId), "wrong password")).toMatchObject({ status: "refused" });
    expect(notices.filter((n) => (n.message as { type: string }).type === "passkey-page-answer")).toEqual([]);
    expect(await approve(Number(requestId), "correct horse battery")).toEqual({ status: "done" });
    const answer = notices.at(-1)!;
    expect(answer).toMatchObject({ tabId: tab.id, options: { documentId: "doc-1" } });
    const { credential } = answer.message as {
      credential: Parameters<typeof verifyAuthenticationResponse>[0]["response"];
    };
    const verified = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: "kosmo.example.jp",
      credential: { id: mine.passkey.id, publicKey: mine.publicKey, counter: 0 },
      requireUserVerification: true,
    });
    expect(verified.verified).toBe(true);
  });

  it("forgets the request when the page aborts, and serves no tab that left the site", async () => {
    const tab = await fakeBrowser.tabs.create({ url: `${ORIGIN}/login` });
    const frame = { ...menuFrame, tab: { id: tab.id } };
    const sender = relay({ tab: { id: tab.id } });
    const first = (await handleRelayRequest(
      { type: "passkey-page-start", options: { challenge } },
      sender,
    )) as { token: string };
    await handleRelayRequest({ type: "passkey-page-cancel", token: first.token }, sender);
    expect(await menuView(first.token, frame)).toBeNull();

    const second = (await handleRelayRequest(
      { type: "passkey-page-start", options: { challenge } },
      sender,
    )) as { token: string };
    expect(await menuView(second.token, frame)).not.toBeNull();
    await fakeBrowser.tabs.update(tab.id!, { url: "https://evil.example/" });
    expect(await menuView(second.token, frame)).toBeNull();
    expect(await menuPick(second.token, undefined, frame)).toEqual({ ok: false });
  });
});
