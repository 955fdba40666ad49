// Writes Google Authenticator export texts (otpauth-migration://offline?data=<protobuf>) for tests: a tiny
// protobuf writer, independent of the parser under test (shared/otpauth-migration.ts).
export function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value)); // negative int32 → 10-byte two's complement
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}
export const tag = (field: number, wireType: number) => varint(field * 8 + wireType);
export const bytesField = (field: number, bytes: number[] | Uint8Array) => [
  ...tag(field, 2),
  ...varint(bytes.length),
  ...bytes,
];
export const stringField = (field: number, text: string) => bytesField(field, new TextEncoder().encode(text));
export const intField = (field: number, value: number | bigint) => [...tag(field, 0), ...varint(value)];

export interface Entry {
  secret: number[];
  name: string;
  issuer?: string;
  algorithm?: number;
  digits?: number;
  type?: number;
  counter?: number | bigint;
}

export function entry(e: Entry): number[] {
  return [
    ...bytesField(1, e.secret),
    ...stringField(2, e.name),
    ...(e.issuer !== undefined ? stringField(3, e.issuer) : []),
    ...(e.algorithm !== undefined ? intField(4, e.algorithm) : []),
    ...(e.digits !== undefined ? intField(5, e.digits) : []),
    ...(e.type !== undefined ? intField(6, e.type) : []),
    ...(e.counter !== undefined ? intField(7, e.counter) : []),
  ];
}

export function uri(payload: number[]): string {
  const base64 = btoa(String.fromCharCode(...payload));
  return `otpauth-migration://offline?data=${encodeURIComponent(base64)}`;
}

/** One export QR text holding `entries` (TOTP, SHA1, 6 digits unless given). */
export function migrationUri(entries: Entry[]): string {
  return uri(entries.flatMap((e) => bytesField(1, entry(e))));
}
