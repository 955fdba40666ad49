// Bundled by esbuild into the benchmark page: the extension's own decoder and vault KDF, jsQR through the
// decoder module's jsQR path, and the frame generator. Exposed as globalThis.kosmoBench.

import {
  configureQrDecoder,
  decodeQrCodes,
  decodeWithJsqr,
  qrDecoderEngine,
} from "../../extension/scan/qr-decode";
import { defaultKdfParams } from "../../extension/vault/envelope";
import { deriveKeyBytes } from "../../extension/vault/kdf";
import { type FrameSpec, makeFrame } from "./frames";

let frame: ImageData | null = null;
let expected = "";

export async function init(wasmUrl: string): Promise<string> {
  configureQrDecoder({ wasmUrl });
  return qrDecoderEngine();
}

export async function prepare(spec: FrameSpec): Promise<{ width: number; height: number }> {
  frame = null;
  frame = await makeFrame(spec);
  expected = spec.text;
  return { width: frame.width, height: frame.height };
}

/** One timed decode of the prepared frame; ok = the expected text was found. */
export async function decode(engine: "project" | "jsqr"): Promise<{ ms: number; ok: boolean }> {
  if (!frame) throw new Error("no frame");
  const image = frame;
  const start = performance.now();
  const texts = engine === "project" ? await decodeQrCodes(image) : decodeWithJsqr(image);
  const ms = performance.now() - start;
  return { ms, ok: texts.includes(expected) };
}

/** decodeQrCodes alone on a capture (a PNG data URL, turned into ImageData untimed); ok = `expected` found. */
export async function decodeDataUrl(dataUrl: string, expected: string): Promise<{ ms: number; ok: boolean }> {
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  const image = context.getImageData(0, 0, bitmap.width, bitmap.height);
  const start = performance.now();
  const texts = await decodeQrCodes(image);
  return { ms: performance.now() - start, ok: texts.includes(expected) };
}

/** The vault's Argon2id at the shipped default parameters (fresh salt), alone. */
export async function kdf(): Promise<{ ms: number; memoryKiB: number; iterations: number }> {
  const params = defaultKdfParams();
  const start = performance.now();
  await deriveKeyBytes("correct horse battery staple", params);
  return { ms: performance.now() - start, memoryKiB: params.memoryKiB, iterations: params.iterations };
}
