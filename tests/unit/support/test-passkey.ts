// A passkey made by the extension's own create path (as if a site had registered it), for tests that need one
// in the vault: the user handle is the user name's bytes, the origin the rpId's https site (or localhost:8787).
import { createCredential } from "../../../extension/passkeys/create-credential";
import type { Passkey } from "../../../extension/passkeys/passkey";
import { parseCreationOptions } from "../../../extension/passkeys/request-options";

export async function testPasskey(userName: string, rpId = "localhost"): Promise<Passkey> {
  const request = parseCreationOptions({
    rp: { id: rpId, name: "KOSMO Web" },
    user: { id: Buffer.from(userName).toString("base64url"), name: userName, displayName: "" },
    challenge: Buffer.alloc(32, 1).toString("base64url"),
    pubKeyCredParams: [{ type: "public-key", alg: -7 }],
  });
  if (!request) throw new Error("bad test options");
  const origin = rpId === "localhost" ? "http://localhost:8787" : `https://${rpId}`;
  return (await createCredential({ request, rpId, origin, userVerified: true })).passkey;
}
