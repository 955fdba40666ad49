// The one QR decoder: zxing-wasm (C++ ZXing compiled to WebAssembly), its .wasm shipped inside the extension
// and loaded from the extension's own URL — never from a CDN, which MV3 forbids and zxing-wasm would use by
// default. If the WASM cannot start, jsQR (pure JS: slower, misses small and JPEG-blurred codes) takes over.
// Works in the MV3 service worker, extension pages, ordinary pages (benchmarks) and Node (unit tests).
//
// Benchmarks: bundle this module with esbuild, call `configureQrDecoder({ wasmUrl })` with a URL the page can
// fetch (e.g. node_modules/zxing-wasm/dist/reader/zxing_reader.wasm served by the bench server), then time
// `decodeWithZxing(image)` against `decodeWithJsqr(image)`; `decodeQrCodes` is the production entry point.
import jsQR from "jsqr";
import { prepareZXingModule, purgeZXingModule, type ReaderOptions, readBarcodes } from "zxing-wasm/reader";

/** File name of the bundled WASM at the extension's root (copied there by the build, see wxt.config.ts). */
export const ZXING_WASM_FILE = "zxing_reader.wasm";

export interface QrDecoderConfig {
  /** Where to fetch zxing_reader.wasm from (defaults to the extension's own copy). */
  wasmUrl?: string;
  /** The WASM bytes themselves (Node tests); takes precedence over wasmUrl. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Give up on a WASM start that takes longer than this and use jsQR (ms). */
  startTimeoutMs?: number;
}

export type QrEngine = "zxing" | "jsqr";

/** The thorough pass: ZXing's default local-average binarizer copes with uneven light (photos, gradients). */
const READER_OPTIONS: ReaderOptions = {
  formats: ["QRCode"],
  tryHarder: true,
  tryInvert: true, // dark themes show light modules on a dark background
  tryDownscale: true,
  maxNumberOfSymbols: 16,
};

/**
 * The first pass: one global threshold at full size only finds evenly lit screen codes (light or dark theme)
 * at ~70 % of the thorough pass's cost on a full screen capture; when it finds nothing (a photo, a code on a
 * gradient, a huge code that needs downscaling), the thorough pass runs.
 */
const FAST_READER_OPTIONS: ReaderOptions = {
  ...READER_OPTIONS,
  binarizer: "GlobalHistogram",
  tryDownscale: false,
};

let config: QrDecoderConfig = {};
let zxingReady: Promise<boolean> | null = null;

/** Sets where the WASM comes from; resets any earlier start (used by tests and benchmarks). */
export function configureQrDecoder(next: QrDecoderConfig): void {
  config = { ...next };
  zxingReady = null;
  purgeZXingModule();
}

function extensionWasmUrl(): string | undefined {
  const runtime = (globalThis as { chrome?: { runtime?: { getURL?: (path: string) => string } } }).chrome
    ?.runtime;
  return typeof runtime?.getURL === "function" ? runtime.getURL(`/${ZXING_WASM_FILE}`) : undefined;
}

async function startZxing(): Promise<boolean> {
  const wasmUrl = config.wasmUrl ?? extensionWasmUrl();
  if (!config.wasmBinary && !wasmUrl) return false; // nowhere local to load from: never fall back to a CDN
  const overrides: Record<string, unknown> = {
    // Always overridden: zxing-wasm's default points at a CDN.
    locateFile: (path: string) => (path.endsWith(".wasm") && wasmUrl ? wasmUrl : path),
  };
  if (config.wasmBinary) overrides.wasmBinary = config.wasmBinary;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("zxing start timeout")), config.startTimeoutMs ?? 10_000);
  });
  try {
    await Promise.race([prepareZXingModule({ overrides, fireImmediately: true }), timeout]);
    return true;
  } catch {
    purgeZXingModule();
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the WASM once; resolves to the engine that decodeQrCodes will use. */
export function qrDecoderEngine(): Promise<QrEngine> {
  zxingReady ??= startZxing();
  return zxingReady.then((ok) => (ok ? "zxing" : "jsqr"));
}

/** All QR texts zxing-wasm finds (throws if the WASM cannot start). */
export async function decodeWithZxing(image: ImageData): Promise<string[]> {
  if ((await qrDecoderEngine()) !== "zxing") throw new Error("zxing-wasm unavailable");
  const fast = validTexts(await readBarcodes(image, FAST_READER_OPTIONS));
  return fast.length > 0 ? fast : validTexts(await readBarcodes(image, READER_OPTIONS));
}

function validTexts(results: Awaited<ReturnType<typeof readBarcodes>>): string[] {
  return unique(results.filter((result) => result.isValid && result.text !== "").map((r) => r.text));
}

/** jsQR finds at most one code per image; it tries the inverted image too for dark themes. */
export function decodeWithJsqr(image: ImageData): string[] {
  const found = jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" });
  return found && found.data !== "" ? [found.data] : [];
}

/** Every QR code's text in the image (usually 0 or 1), zxing-wasm first, jsQR if the WASM is unavailable. */
export async function decodeQrCodes(image: ImageData): Promise<string[]> {
  if (image.width === 0 || image.height === 0) return [];
  if ((await qrDecoderEngine()) === "zxing") {
    try {
      return await decodeWithZxing(image);
    } catch {
      // A WASM trap (e.g. out of memory on a huge image) should not end the scan: try the JS decoder.
    }
  }
  return decodeWithJsqr(image);
}

function unique(texts: string[]): string[] {
  return [...new Set(texts)];
}
