// @vitest-environment happy-dom
// Which field offers passkeys: an editable input whose autocomplete names the "webauthn" token — the portal's
// user-ID field (autocomplete="username webauthn"), not its password field, nor a look-alike token.
import { describe, expect, it } from "vitest";
import { isWebauthnField } from "../../../../extension/passkey-page/webauthn-field";

function field(html: string): Element | null {
  document.body.innerHTML = html;
  return document.body.firstElementChild;
}

describe("the passkey field", () => {
  it("is an input whose autocomplete holds the webauthn token", () => {
    expect(isWebauthnField(field('<input id="user-id" autocomplete="username webauthn">'))).toBe(true);
    expect(isWebauthnField(field('<input autocomplete="webauthn">'))).toBe(true);
    expect(isWebauthnField(field('<input autocomplete="Username  WebAuthn">'))).toBe(true);
  });

  it("is not another field, a look-alike token, or a field the member cannot type in", () => {
    expect(isWebauthnField(field('<input type="password" autocomplete="current-password">'))).toBe(false);
    expect(isWebauthnField(field('<input autocomplete="username webauthn-ish">'))).toBe(false);
    expect(isWebauthnField(field('<textarea autocomplete="username webauthn"></textarea>'))).toBe(false);
    expect(isWebauthnField(field('<input autocomplete="username webauthn" disabled>'))).toBe(false);
    expect(isWebauthnField(field('<input autocomplete="username webauthn" readonly>'))).toBe(false);
    expect(isWebauthnField(field('<input type="hidden" autocomplete="username webauthn">'))).toBe(false);
    expect(isWebauthnField(null)).toBe(false);
  });
});
