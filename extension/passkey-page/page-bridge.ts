// The page bridge (MAIN world, document_start, only on the sites the member allowed and granted): makes
// PublicKeyCredential.isConditionalMediationAvailable() true and answers navigator.credentials.get() with
// mediation "conditional" through the relay (relay.ts). Every other call goes to the browser untouched, so the
// modal パスキーでログイン keeps reaching Chrome's proxy path (background/passkey-proxy.ts). The page learns
// nothing here it could not see anyway: its own request, and the assertion once the member chose and approved.

import { base64UrlOf, bufferOf } from "./binary";
import {
  type AssertionJSON,
  BRIDGE_CHANNEL,
  type BridgeBody,
  type RequestOptionsJSON,
  type ToRelay,
  toPage,
} from "./bridge-messages";

type PageWindow = Window & typeof globalThis;

/** The request's options as JSON; throws TypeError on what the browser would refuse as malformed. */
export function requestOptionsJSON(publicKey: PublicKeyCredentialRequestOptions): RequestOptionsJSON {
  const json: RequestOptionsJSON = { challenge: base64UrlOf(publicKey.challenge) };
  if (publicKey.rpId !== undefined) json.rpId = String(publicKey.rpId);
  if (publicKey.allowCredentials?.length) {
    json.allowCredentials = publicKey.allowCredentials.map((c) => ({
      type: String(c.type),
      id: base64UrlOf(c.id),
      ...(c.transports ? { transports: [...c.transports].map(String) } : {}),
    }));
  }
  if (publicKey.userVerification !== undefined) json.userVerification = String(publicKey.userVerification);
  if (publicKey.timeout !== undefined) json.timeout = Number(publicKey.timeout);
  return json;
}

/**
 * What navigator.credentials.get() resolves with: a PublicKeyCredential as far as a page can tell (its
 * prototype, ArrayBuffers, getClientExtensionResults(), authenticatorAttachment, toJSON()).
 */
export function assertionCredential(json: AssertionJSON, win: PageWindow): PublicKeyCredential {
  const value = (v: unknown) => ({ value: v, enumerable: true });
  const responseProto = win.AuthenticatorAssertionResponse?.prototype ?? Object.prototype;
  const response = Object.create(responseProto, {
    clientDataJSON: value(bufferOf(json.response.clientDataJSON)),
    authenticatorData: value(bufferOf(json.response.authenticatorData)),
    signature: value(bufferOf(json.response.signature)),
    userHandle: value(json.response.userHandle ? bufferOf(json.response.userHandle) : null),
  });
  const extensions = { ...json.clientExtensionResults };
  return Object.create(win.PublicKeyCredential.prototype, {
    id: value(json.id),
    rawId: value(bufferOf(json.rawId)),
    type: value("public-key"),
    authenticatorAttachment: value(json.authenticatorAttachment ?? null),
    response: value(response),
    getClientExtensionResults: { value: () => ({ ...extensions }) },
    toJSON: { value: () => structuredClone(json) },
  }) as PublicKeyCredential;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

export function installPageBridge(win: PageWindow): void {
  const container = win.navigator.credentials;
  const publicKeyCredential = win.PublicKeyCredential;
  if (!container || typeof publicKeyCredential !== "function") return;
  const nativeGet = container.get.bind(container);
  const waiting = new Map<number, { resolve(c: PublicKeyCredential): void; reject(e: unknown): void }>();
  let lastId = 0;

  const post = (message: BridgeBody<ToRelay>) =>
    win.postMessage({ channel: BRIDGE_CHANNEL, to: "relay", ...message }, win.location.origin);

  win.addEventListener("message", (event) => {
    if (event.source !== win) return;
    const message = toPage(event.data);
    const entry = message && waiting.get(message.id);
    if (!message || !entry) return;
    if (message.kind === "answer") entry.resolve(assertionCredential(message.credential, win));
    else entry.reject(new DOMException("The operation either timed out or was not allowed.", message.name));
  });

  function conditionalGet(publicKey: PublicKeyCredentialRequestOptions, signal?: AbortSignal | null) {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const options = requestOptionsJSON(publicKey);
    const id = ++lastId;
    return new Promise<PublicKeyCredential>((resolve, reject) => {
      const onAbort = () => {
        settle();
        post({ kind: "cancel", id });
        reject(abortReason(signal!));
      };
      const settle = () => {
        waiting.delete(id);
        signal?.removeEventListener("abort", onAbort);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      waiting.set(id, {
        resolve: (credential) => {
          settle();
          resolve(credential);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      post({ kind: "start", id, options });
    });
  }

  // While Chrome's proxy is attached it says false and refuses conditional requests: we serve them.
  Object.defineProperty(publicKeyCredential, "isConditionalMediationAvailable", {
    configurable: true,
    writable: true,
    value: () => Promise.resolve(true),
  });
  const capabilities = (publicKeyCredential as { getClientCapabilities?: () => Promise<object> })
    .getClientCapabilities;
  if (typeof capabilities === "function") {
    Object.defineProperty(publicKeyCredential, "getClientCapabilities", {
      configurable: true,
      writable: true,
      value: async () => ({ ...(await capabilities.call(publicKeyCredential)), conditionalGet: true }),
    });
  }
  Object.defineProperty(container, "get", {
    configurable: true,
    writable: true,
    value: function get(options?: CredentialRequestOptions) {
      if (options?.mediation !== "conditional" || !options.publicKey) return nativeGet(options);
      try {
        return conditionalGet(options.publicKey, options.signal);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  });
}
