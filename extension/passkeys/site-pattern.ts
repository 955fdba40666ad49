// The host-permission pattern of an allowed site, in a module of its own: the popup needs it, and
// passkey-sites.ts brings the rpId rule's public-suffix list (tldts, ~130 KB) along.

/** The host permission pattern of an allowed origin (port included: exactly that site). */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}
