// The QR decoder as shipped: the built extension is loaded into Chromium and the decoder runs inside its
// MV3 service worker, loading zxing_reader.wasm from the extension itself (every fetch is recorded: nothing
// may come from a CDN). Captures are generated page-like 1920×1080 frames: a 100 px QR, 1.5× device pixel
// ratio, a dark theme (inverted colours) and JPEG re-encoding (OffscreenCanvas, quality 0.75).
import type { WebWorker } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Decoder from "../../extension/scan/qr-decode";
import type * as Frames from "../support/qr-frames";
import { type LaunchedBrowser, launchBrowser } from "./support/browser";
import { CHROME_BUILD, ensureChromeBuild, readyServiceWorker } from "./support/built-extension";
import { bundleForPage } from "./support/page-bundle";

const BUILD = CHROME_BUILD;

interface Case {
  name: string;
  theme: "light" | "dark";
  scale: number;
  size: number;
  jpeg: boolean;
}

const CASES: Case[] = [
  { name: "100 px QR, light, PNG", theme: "light", scale: 1, size: 100, jpeg: false },
  { name: "100 px QR at 1.5×", theme: "light", scale: 1.5, size: 100, jpeg: false },
  { name: "100 px QR, dark theme (inverted)", theme: "dark", scale: 1, size: 100, jpeg: false },
  { name: "100 px QR, JPEG q0.75", theme: "light", scale: 1, size: 100, jpeg: true },
  { name: "120 px QR, dark, 1.5×, JPEG q0.75", theme: "dark", scale: 1.5, size: 120, jpeg: true },
];
const POSITIONS = 4;

interface CaseResult {
  name: string;
  decoded: number;
  zxingMs: number[];
  jsqrHits: number;
  jsqrMs: number[];
}

type WorkerScope = typeof globalThis & {
  kosmoDecoder: typeof Decoder & typeof Frames & { imageDataFromBlob(blob: Blob): Promise<ImageData> };
  fetchedUrls: string[];
};

let launched: LaunchedBrowser;
let worker: WebWorker;
let extensionId: string;

beforeAll(async () => {
  ensureChromeBuild();
  launched = await launchBrowser({ extensions: [BUILD] });
  extensionId = launched.extensionIds.get(BUILD)!;
  worker = await readyServiceWorker(launched.browser, extensionId);
  const script = await bundleForPage(
    `export * from "./extension/scan/qr-decode";
     export { imageDataFromBlob } from "./extension/scan/capture";
     export { renderFrame, sampleUri } from "./tests/support/qr-frames";`,
    "kosmoDecoder",
  );
  await worker.evaluate(`(() => {
    const original = fetch;
    self.fetchedUrls = [];
    self.fetch = (input, init) => { self.fetchedUrls.push(String(input.url ?? input)); return original(input, init); };
  })(); ${script}; self.kosmoDecoder = kosmoDecoder;`);
});

afterAll(async () => {
  await launched?.close();
});

describe("decodeQrCodes in the built extension's service worker", () => {
  it("starts zxing-wasm from the extension's own .wasm and fetches nothing from elsewhere", async () => {
    const engine = await worker.evaluate(() => (globalThis as WorkerScope).kosmoDecoder.qrDecoderEngine());
    expect(engine).toBe("zxing");
    const urls = await worker.evaluate(() => [
      ...(globalThis as WorkerScope).fetchedUrls,
      ...performance.getEntriesByType("resource").map((entry) => entry.name),
    ]);
    expect(urls).toContain(`chrome-extension://${extensionId}/zxing_reader.wasm`);
    for (const url of urls) expect(url.startsWith(`chrome-extension://${extensionId}/`)).toBe(true);
  });

  it.each(CASES)("reads every capture: $name", async (testCase) => {
    const result: CaseResult = await worker.evaluate(
      async (spec, positions) => {
        const lib = (globalThis as WorkerScope).kosmoDecoder;
        const out = {
          name: spec.name,
          decoded: 0,
          zxingMs: [] as number[],
          jsqrHits: 0,
          jsqrMs: [] as number[],
        };
        for (let i = 0; i < positions; i++) {
          const widthCss = 1920 / spec.scale - spec.size - 120;
          const heightCss = 1080 / spec.scale - spec.size - 160;
          const text = lib.sampleUri(i);
          const frame = lib.renderFrame({
            codes: [
              {
                text,
                sizeCss: spec.size,
                xCss: 60 + ((i * 389) % widthCss),
                yCss: 100 + ((i * 211) % heightCss),
              },
            ],
            theme: spec.theme,
            scale: spec.scale,
            width: 1920,
            height: 1080,
            seed: i + 1,
          });
          let image = new ImageData(new Uint8ClampedArray(frame.data), frame.width, frame.height);
          if (spec.jpeg) {
            const canvas = new OffscreenCanvas(frame.width, frame.height);
            canvas.getContext("2d")!.putImageData(image, 0, 0);
            image = await lib.imageDataFromBlob(
              await canvas.convertToBlob({ type: "image/jpeg", quality: 0.75 }),
            );
          }
          let start = performance.now();
          const found = await lib.decodeQrCodes(image);
          out.zxingMs.push(performance.now() - start);
          if (found.length === 1 && found[0] === text) out.decoded++;
          start = performance.now();
          if (lib.decodeWithJsqr(image)[0] === text) out.jsqrHits++;
          out.jsqrMs.push(performance.now() - start);
        }
        return out;
      },
      testCase,
      POSITIONS,
    );
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.info(
      `${result.name}: zxing ${result.decoded}/${POSITIONS} (median ${median(result.zxingMs).toFixed(1)} ms), ` +
        `jsQR ${result.jsqrHits}/${POSITIONS} (median ${median(result.jsqrMs).toFixed(1)} ms)`,
    );
    expect(result.decoded).toBe(POSITIONS);
  });
});
