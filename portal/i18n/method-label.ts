// The name of a verification method in a language (security page, mails about a changed method).
import type { AuthMethod } from "../auth/factors";
import { type Locale, type MessageKey, t } from "./index";

const keys: Record<AuthMethod, MessageKey> = {
  passkey: "method.passkey",
  totp: "method.totp",
  mail: "method.mail",
};

export function methodLabel(locale: Locale, method: AuthMethod): string {
  return t(locale, keys[method]);
}
