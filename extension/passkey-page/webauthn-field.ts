// Which field offers passkeys: an enabled, editable <input> whose autocomplete names the "webauthn" token
// (HTML's autofill detail tokens, e.g. autocomplete="username webauthn"), as browsers decide for their own
// passkey autofill.

export function isWebauthnField(element: Element | null): element is HTMLInputElement {
  if (element?.tagName !== "INPUT") return false;
  const input = element as HTMLInputElement;
  if (input.disabled || input.readOnly || input.type === "hidden") return false;
  const tokens = (input.getAttribute("autocomplete") ?? "").toLowerCase().split(/\s+/);
  return tokens.includes("webauthn");
}
