// The bytes a relying party parses, read back field by field: rpIdHash, flags, the big-endian counter, the
// attested credential data and its COSE key, and the "none" attestation object.
import { createHash } from "node:crypto";
import { decodeCBOR } from "@levischuck/tiny-cbor";
import { describe, expect, it } from "vitest";
import {
  attestationObject,
  authenticatorData,
  coseEs256PublicKey,
  FLAGS,
} from "../../../../extension/passkeys/authenticator-data";
import { rawToDer } from "../../../../extension/passkeys/signature";

const x = new Uint8Array(32).fill(7);
const y = new Uint8Array(32).fill(9);

describe("authenticator data", () => {
  it("is rpIdHash ‖ flags ‖ counter for an assertion", async () => {
    const data = await authenticatorData({
      rpId: "localhost",
      flags: FLAGS.UP | FLAGS.UV,
      signCount: 0x01020304,
    });
    expect(data.length).toBe(37);
    expect(Buffer.from(data.subarray(0, 32))).toEqual(createHash("sha256").update("localhost").digest());
    expect(data[32]).toBe(0x05);
    expect([...data.subarray(33)]).toEqual([1, 2, 3, 4]);
  });

  it("adds AT, the zero AAGUID, the credential ID and the COSE key for a new credential", async () => {
    const credentialId = new Uint8Array(16).fill(0xab);
    const cose = coseEs256PublicKey(x, y);
    const data = await authenticatorData({
      rpId: "example.jp",
      flags: FLAGS.UP | FLAGS.UV | FLAGS.BE,
      signCount: 0,
      attested: { credentialId, cosePublicKey: cose },
    });
    expect(data[32]).toBe(0x01 | 0x04 | 0x08 | 0x40);
    expect([...data.subarray(37, 53)]).toEqual(new Array(16).fill(0));
    expect([...data.subarray(53, 55)]).toEqual([0, 16]);
    expect([...data.subarray(55, 71)]).toEqual([...credentialId]);
    const key = decodeCBOR(data.subarray(71)) as Map<number, unknown>;
    expect([...key.entries()]).toEqual([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, x],
      [-3, y],
    ]);
  });

  it("clears AT when no credential is attested, and refuses counters beyond 32 bits", async () => {
    const data = await authenticatorData({ rpId: "a.example", flags: 0xff, signCount: 0 });
    expect(data[32]! & FLAGS.AT).toBe(0);
    await expect(authenticatorData({ rpId: "a.example", flags: 1, signCount: 2 ** 32 })).rejects.toThrow();
    await expect(authenticatorData({ rpId: "a.example", flags: 1, signCount: -1 })).rejects.toThrow();
  });

  it("wraps it in a none attestation object", () => {
    const authData = new Uint8Array([1, 2, 3]);
    const decoded = decodeCBOR(attestationObject(authData)) as Map<string, unknown>;
    expect(decoded.get("fmt")).toBe("none");
    expect((decoded.get("attStmt") as Map<string, unknown>).size).toBe(0);
    expect(decoded.get("authData")).toEqual(authData);
  });
});

describe("DER signatures", () => {
  it("encodes r and s as minimal positive INTEGERs", () => {
    const raw = new Uint8Array(64);
    raw.fill(0x80, 0, 32); // high bit set: a 0x00 is prefixed
    raw[63] = 1; // s = 1: leading zeros dropped
    const der = rawToDer(raw);
    expect([...der.subarray(0, 4)]).toEqual([0x30, 33 + 3 + 2, 0x02, 33]);
    expect(der[4]).toBe(0);
    expect([...der.subarray(-3)]).toEqual([0x02, 1, 1]);
    expect(() => rawToDer(new Uint8Array(63))).toThrow();
  });
});
