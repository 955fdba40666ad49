// The page bridge as @simplewebauthn/browser 14 (the portal's client) meets it: isConditionalMediationAvailable
// true, the conditional request carried to the relay as JSON, the assertion handed back as a
// PublicKeyCredential its startAuthentication accepts (and @simplewebauthn/server verifies), the AbortSignal
// honoured, and every other call left to the browser untouched. A message from another window (a frame) is
// not taken for the relay's answer.
import { startAuthentication, WebAuthnError } from "@simplewebauthn/browser";
import { verifyAuthenticationResponse, verifyRegistrationResponse } from "@simplewebauthn/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BRIDGE_CHANNEL, type ToRelay } from "../../../../extension/passkey-page/bridge-messages";
import { assertionCredential, installPageBridge } from "../../../../extension/passkey-page/page-bridge";
import { createCredential } from "../../../../extension/passkeys/create-credential";
import { getAssertion } from "../../../../extension/passkeys/get-assertion";
import { parseCreationOptions, parseRequestOptions } from "../../../../extension/passkeys/request-options";

const ORIGIN = "http://localhost:8787";

class FakePublicKeyCredential {}
class FakeAssertionResponse {}

/** Just enough of a page's window: messages between the bridge and a relay stand-in. */
class FakeWindow extends EventTarget {
  location = { origin: ORIGIN, hostname: "localhost" };
  nativeCalls: unknown[] = [];
  navigator = {
    credentials: {
      get: async (options: unknown) => {
        this.nativeCalls.push(options);
        return "native";
      },
    },
  };
  PublicKeyCredential = FakePublicKeyCredential as unknown as typeof PublicKeyCredential;
  AuthenticatorAssertionResponse = FakeAssertionResponse as unknown as typeof AuthenticatorAssertionResponse;
  toRelay: ToRelay[] = [];
  postMessage(data: unknown, source: unknown = this) {
    queueMicrotask(() => {
      const event = Object.assign(new Event("message"), { data, source });
      if ((data as { to?: string }).to === "relay") this.toRelay.push(data as ToRelay);
      this.dispatchEvent(event);
    });
  }
}

let win: FakeWindow;
beforeEach(() => {
  win = new FakeWindow();
  installPageBridge(win as unknown as Window & typeof globalThis);
  vi.stubGlobal("PublicKeyCredential", win.PublicKeyCredential);
  vi.stubGlobal("navigator", win.navigator);
  vi.stubGlobal("location", win.location);
  vi.stubGlobal("document", { querySelectorAll: () => [{ autocomplete: "username webauthn" }] });
});
afterEach(() => vi.unstubAllGlobals());

/** A passkey registered with the portal's server library: the key and the public key it stored. */
async function registeredPasskey() {
  const challenge = Buffer.alloc(32, 1).toString("base64url");
  const request = parseCreationOptions({
    rp: { id: "localhost", name: "KOSMO Web" },
    user: { id: Buffer.from("K1234567").toString("base64url"), name: "K1234567", displayName: "" },
    challenge,
    pubKeyCredParams: [{ type: "public-key", alg: -7 }],
  })!;
  const made = await createCredential({ request, rpId: "localhost", origin: ORIGIN, userVerified: true });
  const registration = await verifyRegistrationResponse({
    response: made.response as unknown as Parameters<typeof verifyRegistrationResponse>[0]["response"],
    expectedChallenge: challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: "localhost",
  });
  return { passkey: made.passkey, publicKey: registration.registrationInfo!.credential.publicKey };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the page bridge", () => {
  it("says conditional mediation is available, and leaves every other call to the browser", async () => {
    expect(await PublicKeyCredential.isConditionalMediationAvailable()).toBe(true);
    const modal = { publicKey: { challenge: new Uint8Array(32) } };
    expect(await navigator.credentials.get(modal)).toBe("native");
    expect(await navigator.credentials.get({ mediation: "conditional" } as CredentialRequestOptions)).toBe(
      "native",
    );
    expect(win.nativeCalls).toEqual([modal, { mediation: "conditional" }]);
    expect(win.toRelay).toEqual([]);
  });

  it("answers startAuthentication({ useBrowserAutofill }) with a credential the server verifies", async () => {
    const { passkey, publicKey } = await registeredPasskey();
    const challenge = Buffer.alloc(32, 9).toString("base64url");
    const started = startAuthentication({
      optionsJSON: { challenge, rpId: "localhost", allowCredentials: [], userVerification: "required" },
      useBrowserAutofill: true,
    });
    await settle();
    const [start] = win.toRelay;
    expect(start).toMatchObject({
      channel: BRIDGE_CHANNEL,
      kind: "start",
      options: { challenge, rpId: "localhost" },
    });
    // What the background does with the relay's request, answered as the relay would.
    const request = parseRequestOptions(start!.kind === "start" ? start!.options : null, true)!;
    const { response } = await getAssertion({
      request,
      rpId: "localhost",
      origin: ORIGIN,
      passkey,
      userVerified: true,
      backedUp: false,
    });
    // A frame's forged answer first: not from this window, ignored.
    win.postMessage(
      { channel: BRIDGE_CHANNEL, to: "page", kind: "error", id: start!.id, name: "NotAllowedError" },
      {},
    );
    win.postMessage({
      channel: BRIDGE_CHANNEL,
      to: "page",
      kind: "answer",
      id: start!.id,
      credential: response,
    });
    const json = await started;
    expect(json).toMatchObject({ id: passkey.id, rawId: passkey.id, authenticatorAttachment: "platform" });
    const verified = await verifyAuthenticationResponse({
      response: json,
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: "localhost",
      credential: { id: passkey.id, publicKey, counter: 0 },
      requireUserVerification: true,
    });
    expect(verified.verified).toBe(true);
  });

  it("rejects with the abort reason and tells the relay when the page aborts (パスキーでログイン clicked)", async () => {
    const abort = new AbortController();
    const pending = navigator.credentials.get({
      mediation: "conditional",
      signal: abort.signal,
      publicKey: { challenge: new Uint8Array(32).fill(3) },
    } as CredentialRequestOptions);
    await settle();
    const reason = Object.assign(new Error("replaced"), { name: "AbortError" });
    abort.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await settle();
    expect(win.toRelay.map((m) => m.kind)).toEqual(["start", "cancel"]);
    // Already aborted: nothing is asked at all.
    await expect(
      navigator.credentials.get({
        mediation: "conditional",
        signal: abort.signal,
        publicKey: { challenge: new Uint8Array(32) },
      } as CredentialRequestOptions),
    ).rejects.toBe(reason);
    expect(win.toRelay).toHaveLength(2);
  });

  it("rejects with the DOMException the background named (the rpId rule: SecurityError)", async () => {
    const started = startAuthentication({
      optionsJSON: { challenge: Buffer.alloc(32).toString("base64url"), rpId: "example.jp" },
      useBrowserAutofill: true,
    });
    await settle();
    const id = win.toRelay[0]!.id;
    win.postMessage({ channel: BRIDGE_CHANNEL, to: "page", kind: "error", id, name: "SecurityError" });
    const error = await started.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAuthnError);
    expect((error as WebAuthnError).code).toBe("ERROR_INVALID_RP_ID");
  });
});

describe("the credential object", () => {
  it("has ArrayBuffers, the PublicKeyCredential prototype, extension results and toJSON()", () => {
    const json = {
      id: "AQID",
      rawId: "AQID",
      type: "public-key" as const,
      authenticatorAttachment: "platform",
      response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "MEQ", userHandle: "SzE" },
      clientExtensionResults: {},
    };
    const credential = assertionCredential(json, new FakeWindow() as unknown as Window & typeof globalThis);
    expect(credential).toBeInstanceOf(FakePublicKeyCredential);
    expect(credential.response).toBeInstanceOf(FakeAssertionResponse);
    expect(new Uint8Array(credential.rawId)).toEqual(new Uint8Array([1, 2, 3]));
    const response = credential.response as AuthenticatorAssertionResponse;
    expect(response.clientDataJSON).toBeInstanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(response.clientDataJSON)).toBe("{}");
    expect(new TextDecoder().decode(response.userHandle!)).toBe("K1");
    expect(credential.getClientExtensionResults()).toEqual({});
    expect(credential.authenticatorAttachment).toBe("platform");
    expect(credential.toJSON()).toEqual(json);
    const withoutHandle = assertionCredential(
      { ...json, response: { ...json.response, userHandle: undefined } },
      new FakeWindow() as unknown as Window & typeof globalThis,
    );
    expect((withoutHandle.response as AuthenticatorAssertionResponse).userHandle).toBeNull();
  });
});
