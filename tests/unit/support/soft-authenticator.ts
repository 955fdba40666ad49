// A software WebAuthn authenticator (ES256, attestation "none") so that passkey rules can be tested without a
// browser. Builds real CBOR, authenticator data and signatures; the counter and flags are under test control.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  const out = Buffer.alloc(3);
  out[0] = (major << 5) | 25;
  out.writeUInt16BE(length, 1);
  return out;
}

function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string")
    return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const parts = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString("base64url");

export interface SoftAuthenticatorOptions {
  rpId: string;
  origin: string;
  userVerified?: boolean;
}

export function createSoftAuthenticator(options: SoftAuthenticatorOptions) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const credentialId = randomBytes(16);
  /** What both ceremonies' answers say about the credential itself. */
  const credentialFields = {
    id: b64url(credentialId),
    rawId: b64url(credentialId),
    type: "public-key" as const,
    clientExtensionResults: {},
  };
  let counter = 0;
  let userVerified = options.userVerified !== false;
  const flags = (extra: number) => 0x01 | (userVerified ? 0x04 : 0) | extra;

  function authData(extraFlags: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([
      sha256(options.rpId),
      Buffer.from([flags(extraFlags)]),
      count,
      attested ?? Buffer.alloc(0),
    ]);
  }

  function clientData(type: string, challenge: string, origin = options.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  return {
    credentialId: b64url(credentialId),
    setCounter(value: number) {
      counter = value;
    },
    /** The UV flag of what it signs next (a security key touched without its PIN sends UP only). */
    setUserVerified(value: boolean) {
      userVerified = value;
    },
    register(challenge: string) {
      const coseKey = new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, credentialId, cbor(coseKey)]);
      const attestationObject = cbor(
        new Map<Cbor, Cbor>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData(0x40, attested)],
        ]),
      );
      return {
        ...credentialFields,
        response: {
          clientDataJSON: b64url(clientData("webauthn.create", challenge)),
          attestationObject: b64url(attestationObject),
          transports: ["internal" as const],
        },
      };
    },
    /** `userHandle` is what a discoverable credential returns (passwordless); omitted, none is sent. */
    authenticate(challenge: string, origin?: string, userHandle?: string) {
      const data = authData(0);
      const client = clientData("webauthn.get", challenge, origin);
      const signature = sign("sha256", Buffer.concat([data, sha256(client)]), privateKey);
      return {
        ...credentialFields,
        response: {
          clientDataJSON: b64url(client),
          authenticatorData: b64url(data),
          signature: b64url(signature),
          userHandle,
        },
      };
    },
  };
}
