import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  configureQrDecoder,
  decodeQrCodes,
  decodeWithJsqr,
  qrDecoderEngine,
} from "../../../../extension/scan/qr-decode";
import { type FrameSpec, renderFrame, sampleUri } from "../../../support/qr-frames";

const require = createRequire(import.meta.url);
const wasmBinary = readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));

function capture(spec: Partial<FrameSpec> & Pick<FrameSpec, "codes">): ImageData {
  const frame = renderFrame({ theme: "light", scale: 1, width: 1920, height: 1080, ...spec });
  return { ...frame, colorSpace: "srgb" } as ImageData;
}

/** Positions spread over a 1080p viewport (CSS px for the given scale). */
function placements(count: number, sizeCss: number, scale: number) {
  const width = 1920 / scale - sizeCss - 200;
  const height = 1080 / scale - sizeCss - 200;
  return Array.from({ length: count }, (_, i) => ({
    text: sampleUri(i),
    sizeCss,
    xCss: 100 + ((i * 389) % width),
    yCss: 100 + ((i * 211) % height),
  }));
}

afterAll(() => configureQrDecoder({}));

describe("decodeQrCodes with zxing-wasm", () => {
  it("starts the WASM from the bytes it is given", async () => {
    configureQrDecoder({ wasmBinary });
    expect(await qrDecoderEngine()).toBe("zxing");
  });

  it.each([
    ["a 100 px QR on a light 1080p page", "light", 1, 100],
    ["a 100 px QR at 1.5× device pixel ratio", "light", 1.5, 100],
    ["a 100 px QR on a dark page (inverted colours)", "dark", 1, 100],
    ["a 200 px QR on a dark page at 1.5×", "dark", 1.5, 200],
  ] as const)("reads %s anywhere in the frame", async (_name, theme, scale, size) => {
    configureQrDecoder({ wasmBinary });
    for (const code of placements(4, size, scale)) {
      const image = capture({ codes: [code], theme, scale, seed: code.xCss });
      expect(await decodeQrCodes(image)).toEqual([code.text]);
    }
  });

  it("returns every code when a page shows several", async () => {
    configureQrDecoder({ wasmBinary });
    const codes = [
      { text: sampleUri(1), sizeCss: 160, xCss: 200, yCss: 300 },
      { text: sampleUri(2), sizeCss: 160, xCss: 1200, yCss: 500 },
    ];
    expect((await decodeQrCodes(capture({ codes }))).sort()).toEqual([sampleUri(1), sampleUri(2)].sort());
  });

  it("returns nothing for a page without a QR code, and for an empty image", async () => {
    configureQrDecoder({ wasmBinary });
    expect(await decodeQrCodes(capture({ codes: [] }))).toEqual([]);
    expect(await decodeQrCodes({ data: new Uint8ClampedArray(0), width: 0, height: 0 } as ImageData)).toEqual(
      [],
    );
  });
});

describe("the jsQR fallback", () => {
  it("takes over when the WASM cannot start", async () => {
    configureQrDecoder({ wasmBinary: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await qrDecoderEngine()).toBe("jsqr");
    quiet.mockRestore();
    warn.mockRestore();
    const [code] = placements(1, 240, 1);
    expect(await decodeQrCodes(capture({ codes: [code!] }))).toEqual([code!.text]);
  });

  it("reads dark-theme codes by trying the inverted image", () => {
    const [code] = placements(1, 240, 1);
    expect(decodeWithJsqr(capture({ codes: [code!], theme: "dark" }))).toEqual([code!.text]);
  });

  it("never reaches for a CDN when no local WASM is configured", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    configureQrDecoder({});
    expect(await qrDecoderEngine()).toBe("jsqr");
    const [code] = placements(1, 240, 1);
    expect(await decodeQrCodes(capture({ codes: [code!] }))).toEqual([code!.text]);
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});
