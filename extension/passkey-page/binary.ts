// BufferSource ⇄ base64url for the page bridge: the page hands ArrayBuffers and typed arrays, the background
// speaks WebAuthn's JSON forms.

function bytesOf(source: BufferSource): Uint8Array {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  throw new TypeError("not a BufferSource");
}

export function base64UrlOf(source: BufferSource): string {
  let text = "";
  for (const byte of bytesOf(source)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A fresh ArrayBuffer (what a PublicKeyCredential's fields are). */
export function bufferOf(base64url: string): ArrayBuffer {
  const text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}
