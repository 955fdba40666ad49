// Registration and authentication by the extension's passkeys, judged by @simplewebauthn/server (the portal's
// verifier): options made by the library, passed through JSON as Chrome hands them to the extension, answered
// by create-credential.ts / get-assertion.ts, and verified for origin, rpId, challenge, UV, flags and counter.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { describe, expect, it } from "vitest";
import { createCredential, creationRefusal } from "../../../../extension/passkeys/create-credential";
import { candidates, getAssertion } from "../../../../extension/passkeys/get-assertion";
import type { Passkey } from "../../../../extension/passkeys/passkey";
import { parseCreationOptions, parseRequestOptions } from "../../../../extension/passkeys/request-options";

const RP = { id: "kosmo.example.jp", name: "KOSMO Web", origin: "https://portal.kosmo.example.jp" };

async function registrationOptions(exclude: string[] = []) {
  const options = await generateRegistrationOptions({
    rpName: RP.name,
    rpID: RP.id,
    userName: "K1234567",
    userDisplayName: "山田 太郎",
    userID: new TextEncoder().encode("member-1"),
    attestationType: "none",
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    excludeCredentials: exclude.map((id) => ({ id })),
    extensions: { credProps: true },
  });
  return { options, request: parseCreationOptions(JSON.parse(JSON.stringify(options)))! };
}

async function register(origin = RP.origin, now = Date.now()) {
  const { options, request } = await registrationOptions();
  const created = await createCredential({ request, rpId: RP.id, origin, userVerified: true, now });
  const verification = await verifyRegistrationResponse({
    response: created.response,
    expectedChallenge: options.challenge,
    expectedOrigin: RP.origin,
    expectedRPID: RP.id,
    requireUserVerification: true,
  });
  return { ...created, verification };
}

async function signIn(
  passkey: Passkey,
  stored: { publicKey: Uint8Array<ArrayBuffer>; counter: number },
  opts: { now?: number; origin?: string; allow?: string[]; backedUp?: boolean } = {},
) {
  const options = await generateAuthenticationOptions({
    rpID: RP.id,
    userVerification: "required",
    allowCredentials: (opts.allow ?? []).map((id) => ({ id })),
  });
  const request = parseRequestOptions(JSON.parse(JSON.stringify(options)), false)!;
  const { response, signCount } = await getAssertion({
    request,
    rpId: RP.id,
    origin: opts.origin ?? RP.origin,
    passkey,
    userVerified: true,
    backedUp: opts.backedUp ?? false,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: RP.origin,
    expectedRPID: RP.id,
    requireUserVerification: true,
    credential: { id: passkey.id, publicKey: stored.publicKey, counter: stored.counter },
  });
  return { verification, signCount, response };
}

describe("registration", () => {
  it("is verified by @simplewebauthn/server: none attestation, ES256, UV, backup-eligible, discoverable", async () => {
    const { verification, passkey, response } = await register();
    expect(verification.verified).toBe(true);
    const info = verification.registrationInfo!;
    expect(info.fmt).toBe("none");
    expect(info.credential.id).toBe(passkey.id);
    expect(info.credentialDeviceType).toBe("multiDevice");
    expect(info.credentialBackedUp).toBe(false);
    expect(info.userVerified).toBe(true);
    expect(info.origin).toBe(RP.origin);
    expect(info.rpID).toBe(RP.id);
    expect(info.aaguid).toBe("00000000-0000-0000-0000-000000000000");
    expect(response.clientExtensionResults).toEqual({ credProps: { rk: true } });
    expect(passkey).toMatchObject({ rpId: RP.id, userName: "K1234567", userDisplayName: "山田 太郎" });
    expect(passkey.userHandle).toBe(Buffer.from("member-1").toString("base64url"));
  });

  it("fails verification for another origin's clientData and without user verification", async () => {
    const { options, request } = await registrationOptions();
    const elsewhere = await createCredential({
      request,
      rpId: RP.id,
      origin: "https://evil.example",
      userVerified: true,
    });
    await expect(
      verifyRegistrationResponse({
        response: elsewhere.response,
        expectedChallenge: options.challenge,
        expectedOrigin: RP.origin,
        expectedRPID: RP.id,
      }),
    ).rejects.toThrow(/origin/i);
    const unverified = await createCredential({
      request,
      rpId: RP.id,
      origin: RP.origin,
      userVerified: false,
    });
    await expect(
      verifyRegistrationResponse({
        response: unverified.response,
        expectedChallenge: options.challenge,
        expectedOrigin: RP.origin,
        expectedRPID: RP.id,
        requireUserVerification: true,
      }),
    ).rejects.toThrow(/verif/i);
  });

  it("honours excludeCredentials for the same rpId only, and needs ES256", async () => {
    const { passkey } = await register();
    const { request } = await registrationOptions([passkey.id]);
    expect(creationRefusal(request, RP.id, [passkey])).toBe("InvalidStateError");
    expect(creationRefusal(request, RP.id, [{ ...passkey, rpId: "other.example" }])).toBeNull();
    expect(creationRefusal((await registrationOptions()).request, RP.id, [passkey])).toBeNull();
    expect(creationRefusal({ ...request, algorithms: [-257] }, RP.id, [])).toBe("NotSupportedError");
  });
});

describe("authentication", () => {
  it("is verified, and the counter rises on every use and after restoring an older backup", async () => {
    const start = Date.UTC(2026, 11, 1);
    const { verification: reg, passkey } = await register(RP.origin, start);
    const publicKey = reg.registrationInfo!.credential.publicKey;

    const first = await signIn(passkey, { publicKey, counter: 0 }, { now: start + 1000 });
    expect(first.verification.verified).toBe(true);
    expect(first.verification.authenticationInfo.userVerified).toBe(true);
    expect(first.verification.authenticationInfo.newCounter).toBe(first.signCount);
    expect(first.response.response.userHandle).toBe(passkey.userHandle);

    // Twice in the same second: still greater.
    const used = { ...passkey, signCount: first.signCount };
    const second = await signIn(used, { publicKey, counter: first.signCount }, { now: start + 1000 });
    expect(second.signCount).toBe(first.signCount + 1);
    expect(second.verification.verified).toBe(true);

    // The vault restored from a backup made before both uses, a day later: the site still accepts it.
    const restored = await signIn(
      passkey,
      { publicKey, counter: second.signCount },
      { now: start + 86_400_000 },
    );
    expect(restored.verification.verified).toBe(true);

    // The same counter again (a replayed or cloned state) is refused by the site.
    await expect(
      signIn(used, { publicKey, counter: second.signCount + 10 ** 9 }, { now: start + 2000 }),
    ).rejects.toThrow(/counter/i);
  });

  it("reports backed-up truthfully and refuses another origin's assertion", async () => {
    const { verification: reg, passkey } = await register();
    const publicKey = reg.registrationInfo!.credential.publicKey;
    const backedUp = await signIn(passkey, { publicKey, counter: 0 }, { backedUp: true });
    expect(backedUp.verification.authenticationInfo.credentialBackedUp).toBe(true);
    const notYet = await signIn(passkey, { publicKey, counter: 0 }, { backedUp: false });
    expect(notYet.verification.authenticationInfo.credentialBackedUp).toBe(false);
    await expect(
      signIn(passkey, { publicKey, counter: 0 }, { origin: "https://kosmo.example.jp.evil.example" }),
    ).rejects.toThrow(/origin/i);
  });

  it("chooses by allowCredentials or, passwordless, among the rpId's discoverable passkeys", async () => {
    const a = (await register()).passkey;
    const b = (await register()).passkey;
    const other = { ...(await register()).passkey, rpId: "other.example" };
    const request = (allow: string[]) =>
      parseRequestOptions(
        {
          challenge: Buffer.alloc(32, 1).toString("base64url"),
          rpId: RP.id,
          allowCredentials: allow.map((id) => ({ id, type: "public-key" })),
        },
        false,
      )!;
    expect(candidates(request([]), RP.id, [a, b, other]).map((p) => p.id)).toEqual([a.id, b.id]);
    expect(candidates(request([b.id]), RP.id, [a, b, other]).map((p) => p.id)).toEqual([b.id]);
    expect(candidates(request([other.id]), RP.id, [a, b, other])).toEqual([]);
  });

  it("refuses to sign with a passkey of another rpId or a tampered key", async () => {
    const { verification: reg, passkey } = await register();
    const publicKey = reg.registrationInfo!.credential.publicKey;
    await expect(
      getAssertion({
        request: parseRequestOptions({ challenge: Buffer.alloc(32).toString("base64url") }, false)!,
        rpId: "other.example",
        origin: "https://other.example",
        passkey,
        userVerified: true,
        backedUp: false,
      }),
    ).rejects.toThrow(/another relying party/);
    // d replaced by another key's: WebCrypto refuses the inconsistent JWK, or the site refuses the signature.
    const stranger = (await register()).passkey;
    const tampered = { ...passkey, privateKey: { ...passkey.privateKey, d: stranger.privateKey.d } };
    await expect(signIn(tampered, { publicKey, counter: 0 })).rejects.toThrow();
  });
});

describe("request options from the page", () => {
  it("refuses malformed options", () => {
    expect(parseCreationOptions(null)).toBeNull();
    expect(parseCreationOptions({ rp: {}, user: { id: "!!" }, challenge: "AAAA" })).toBeNull();
    expect(parseRequestOptions({ challenge: "short" }, false)).toBeNull();
    expect(
      parseRequestOptions(
        { challenge: Buffer.alloc(32).toString("base64url"), allowCredentials: [{ id: 5 }] },
        false,
      ),
    ).toBeNull();
  });
});
