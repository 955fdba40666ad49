// parseEnvelope checks the ciphertext's base64 form and length without decoding it (it is decoded once, when
// opened): lengths must still come out exact, padding included, and anything not base64 is refused.
import { describe, expect, it } from "vitest";
import { toBase64 } from "../../../../extension/vault/bytes";
import { defaultKdfParams, EnvelopeError, parseEnvelope } from "../../../../extension/vault/envelope";

function envelopeWith(iv: string, data: string) {
  return { version: 1, kdf: defaultKdfParams(), cipher: { iv, data } };
}

const bytes = (n: number) => toBase64(new Uint8Array(n).fill(7));

describe("parseEnvelope", () => {
  it("accepts a 12-byte IV and ciphertext longer than the 16-byte GCM tag, for every padding", () => {
    for (const length of [17, 18, 19, 45_000]) {
      expect(parseEnvelope(envelopeWith(bytes(12), bytes(length))).cipher.data).toBe(bytes(length));
    }
  });

  it("refuses an IV of another length, a ciphertext no longer than the tag, and text that is not base64", () => {
    for (const [iv, data] of [
      [bytes(11), bytes(32)],
      [bytes(13), bytes(32)],
      [bytes(12), bytes(16)],
      [bytes(12), `${bytes(30)}*`],
      [bytes(12), bytes(32).slice(0, -1)],
      [bytes(12), `${bytes(30).slice(0, -4)}A===`],
      [bytes(12), `AAAA=AAA${bytes(30)}`],
    ]) {
      expect(() => parseEnvelope(envelopeWith(iv!, data!))).toThrow(EnvelopeError);
    }
  });
});
