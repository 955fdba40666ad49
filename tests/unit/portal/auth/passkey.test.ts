import { describe, expect, it } from "vitest";
import {
  authenticationOptions,
  CHALLENGE_TTL_MS,
  challengeOfResponse,
  isChallengeFresh,
  newChallenge,
  registrationOptions,
  relyingPartyFor,
  type StoredPasskey,
  verifyAuthentication,
  verifyRegistration,
} from "../../../../portal/auth/passkey";
import { deviceLabel } from "../../../../portal/views/device-label";
import { createSoftAuthenticator } from "../../support/soft-authenticator";

const rp = relyingPartyFor("http://localhost:8787");

async function enrolled(options: { userVerified?: boolean } = {}) {
  const authenticator = createSoftAuthenticator({ rpId: rp.id, origin: rp.origin, ...options });
  const challenge = newChallenge();
  const result = await verifyRegistration({
    rp,
    response: authenticator.register(challenge),
    expectedChallenge: challenge,
  });
  return { authenticator, result };
}

describe("passkey rules", () => {
  it("takes RP ID and origin from the portal origin", () => {
    expect(relyingPartyFor("https://portal.example.jp/")).toEqual({
      id: "portal.example.jp",
      name: "KOSMO Web",
      origin: "https://portal.example.jp",
    });
  });

  it("makes 32-byte challenges valid for 5 minutes", () => {
    const challenge = newChallenge();
    expect(Buffer.from(challenge, "base64url")).toHaveLength(32);
    expect(newChallenge()).not.toBe(challenge);
    expect(isChallengeFresh(1000, 1000 + CHALLENGE_TTL_MS - 1)).toBe(true);
    expect(isChallengeFresh(1000, 1000 + CHALLENGE_TTL_MS)).toBe(false);
    expect(isChallengeFresh(1000, 999)).toBe(false);
  });

  it("asks for a discoverable, verified passkey on any authenticator and excludes known ones", async () => {
    const existing: StoredPasskey = {
      credentialId: "AAAA",
      publicKey: new Uint8Array(),
      counter: 0,
      transports: ["hybrid"],
    };
    const challenge = newChallenge();
    const options = await registrationOptions({
      rp,
      userName: "K0001",
      displayName: "山田 太郎",
      userHandle: Buffer.alloc(32, 1).toString("base64url"),
      existing: [existing],
      challenge,
    });
    expect(options.challenge).toBe(challenge);
    expect(options.rp).toEqual({ id: "localhost", name: "KOSMO Web" });
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    expect(options.authenticatorSelection?.authenticatorAttachment).toBeUndefined();
    expect(options.excludeCredentials).toEqual([{ id: "AAAA", type: "public-key", transports: ["hybrid"] }]);
    expect(options.timeout).toBe(CHALLENGE_TTL_MS);
  });

  it("authentication options: the member's passkeys, or none for passwordless", async () => {
    const challenge = newChallenge();
    const passwordless = await authenticationOptions({ rp, challenge });
    expect(passwordless.allowCredentials ?? []).toEqual([]);
    expect(passwordless.userVerification).toBe("required");
    const secondFactor = await authenticationOptions({
      rp,
      challenge,
      allow: [{ credentialId: "BBBB", publicKey: new Uint8Array(), counter: 0, transports: [] }],
    });
    expect(secondFactor.allowCredentials?.map((c) => c.id)).toEqual(["BBBB"]);
    // The phone route (2-2★) stays offered even for a passkey that reported only "internal".
    const internalOnly = await authenticationOptions({
      rp,
      challenge,
      allow: [{ credentialId: "CCCC", publicKey: new Uint8Array(), counter: 0, transports: ["internal"] }],
    });
    expect(internalOnly.allowCredentials?.[0]?.transports).toEqual(["internal", "hybrid"]);
  });

  it("verifies a registration and reads the challenge the browser signed", async () => {
    const { authenticator, result } = await enrolled();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.passkey.credentialId).toBe(authenticator.credentialId);
    const challenge = newChallenge();
    expect(challengeOfResponse(authenticator.register(challenge))).toBe(challenge);
    expect(challengeOfResponse({ response: { clientDataJSON: "!!" } })).toBeNull();
  });

  it("refuses a registration for another challenge or without user verification", async () => {
    const authenticator = createSoftAuthenticator({ rpId: rp.id, origin: rp.origin });
    const wrong = await verifyRegistration({
      rp,
      response: authenticator.register(newChallenge()),
      expectedChallenge: newChallenge(),
    });
    expect(wrong.ok).toBe(false);
    const { result } = await enrolled({ userVerified: false });
    expect(result.ok).toBe(false);
  });

  it("verifies an assertion and enforces the signature counter", async () => {
    const { authenticator, result } = await enrolled();
    if (!result.ok) throw new Error("registration failed");
    let stored = { ...result.passkey, counter: 5 };
    const sign = (counter: number) => {
      authenticator.setCounter(counter);
      const challenge = newChallenge();
      return verifyAuthentication({
        rp,
        response: authenticator.authenticate(challenge),
        expectedChallenge: challenge,
        passkey: stored,
      });
    };
    expect(await sign(6)).toEqual({ ok: true, newCounter: 6 });
    expect(await sign(5)).toEqual({ ok: false, reason: "counter" });
    expect(await sign(2)).toEqual({ ok: false, reason: "counter" });
    // WebAuthn §6.1.1: an authenticator that does not count (synced passkeys) sends 0 every time
    stored = { ...result.passkey, counter: 0 };
    expect(await sign(0)).toEqual({ ok: true, newCounter: 0 });
    expect(await sign(0)).toEqual({ ok: true, newCounter: 0 });
  });

  it("refuses an assertion without user verification, saying so", async () => {
    const { authenticator, result } = await enrolled();
    if (!result.ok) throw new Error("registration failed");
    authenticator.setUserVerified(false);
    const challenge = newChallenge();
    expect(
      await verifyAuthentication({
        rp,
        response: authenticator.authenticate(challenge),
        expectedChallenge: challenge,
        passkey: result.passkey,
      }),
    ).toEqual({ ok: false, reason: "uv" });
  });

  it("refuses an assertion from another origin or for another challenge", async () => {
    const { authenticator, result } = await enrolled();
    if (!result.ok) throw new Error("registration failed");
    const challenge = newChallenge();
    const otherOrigin = authenticator.authenticate(challenge, "https://evil.example");
    expect(
      await verifyAuthentication({
        rp,
        response: otherOrigin,
        expectedChallenge: challenge,
        passkey: result.passkey,
      }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    const replayed = authenticator.authenticate(challenge);
    expect(
      await verifyAuthentication({
        rp,
        response: replayed,
        expectedChallenge: newChallenge(),
        passkey: result.passkey,
      }),
    ).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("passkey default names", () => {
  it("names the browser and system from the user agent", () => {
    expect(
      deviceLabel(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0",
      ),
    ).toBe("Edge / Windows");
    expect(
      deviceLabel(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1",
      ),
    ).toBe("Safari / iPhone");
    expect(deviceLabel("curl/8.0")).toBe("");
  });
});
