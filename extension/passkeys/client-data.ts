// clientDataJSON (WebAuthn §5.8.1): what the relying party checks against its challenge and origin. Built
// from the origin of the page we serve, never from anything the page says; always a top-level frame.
import { fromBase64Url } from "./base64url";

export function clientDataJSON(
  type: "webauthn.create" | "webauthn.get",
  challenge: string,
  origin: string,
): Uint8Array<ArrayBuffer> {
  if (!fromBase64Url(challenge)) throw new Error("bad challenge");
  return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}
