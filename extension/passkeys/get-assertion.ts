// navigator.credentials.get() answered by the vault: the passkeys this rpId may use (allowCredentials, or
// every discoverable one for a passwordless sign-in), and a signature over authenticatorData ‖
// SHA-256(clientDataJSON) by the chosen one.
import { concatBytes } from "../vault/bytes";
import { authenticatorData, FLAGS, sha256 } from "./authenticator-data";
import { toBase64Url } from "./base64url";
import { clientDataJSON } from "./client-data";
import type { Passkey } from "./passkey";
import type { AssertionRequest } from "./request-options";
import { nextSignCount } from "./sign-counter";
import { signEs256 } from "./signature";

/** The passkeys of `rpId` the request allows: its allowCredentials, or all of them when it lists none. */
export function candidates(request: AssertionRequest, rpId: string, passkeys: readonly Passkey[]): Passkey[] {
  const allowed = new Set(request.allowIds);
  return passkeys.filter((p) => p.rpId === rpId && (allowed.size === 0 || allowed.has(p.id)));
}

export interface AuthenticationResponseJSON {
  id: string;
  rawId: string;
  type: "public-key";
  authenticatorAttachment: "platform";
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle: string };
  clientExtensionResults: Record<string, never>;
}

export async function getAssertion(input: {
  request: AssertionRequest;
  rpId: string;
  origin: string;
  passkey: Passkey;
  userVerified: boolean;
  /** A backup or recovery sheet was made after this passkey was created (the BS flag). */
  backedUp: boolean;
  now?: number;
}): Promise<{ response: AuthenticationResponseJSON; signCount: number }> {
  const { request, rpId, origin, passkey, userVerified, backedUp, now = Date.now() } = input;
  // A passkey of another rpId, however it got here, never signs for this one.
  if (passkey.rpId !== rpId) throw new Error("passkey of another relying party");
  const signCount = nextSignCount(passkey.signCount, now);
  const flags = FLAGS.UP | (userVerified ? FLAGS.UV : 0) | FLAGS.BE | (backedUp ? FLAGS.BS : 0);
  const authData = await authenticatorData({ rpId, flags, signCount });
  const clientData = clientDataJSON("webauthn.get", request.challenge, origin);
  const signature = await signEs256(passkey.privateKey, concatBytes(authData, await sha256(clientData)));
  return {
    signCount,
    response: {
      id: passkey.id,
      rawId: passkey.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      response: {
        clientDataJSON: toBase64Url(clientData),
        authenticatorData: toBase64Url(authData),
        signature: toBase64Url(signature),
        userHandle: passkey.userHandle,
      },
      clientExtensionResults: {},
    },
  };
}
