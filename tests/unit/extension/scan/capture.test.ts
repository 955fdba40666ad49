import { describe, expect, it } from "vitest";
import { blobFromDataUrl, cropToRegion, makeImageData } from "../../../../extension/scan/capture";

/** A test image whose pixel (x, y) has red = x, green = y. */
function gradient(width: number, height: number): ImageData {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x, y, 0, 255], (y * width + x) * 4);
  }
  return makeImageData(data, width, height);
}

function pixel(image: ImageData, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return Array.from(image.data.slice(i, i + 4));
}

describe("cropToRegion", () => {
  it("scales a CSS-pixel region by the device pixel ratio and adds a quiet-zone margin", () => {
    const image = gradient(240, 200);
    const crop = cropToRegion(image, { x: 40, y: 30, width: 50, height: 40 }, 2);
    // 2× → device box (80,60)-(180,140), margin max(8, 100*0.06=6) = 8 px.
    expect([crop.width, crop.height]).toEqual([116, 96]);
    expect(pixel(crop, 0, 0)).toEqual([72, 52, 0, 255]);
    expect(pixel(crop, 115, 95)).toEqual([187, 147, 0, 255]);
  });

  it("handles fractional ratios (1.5× HiDPI, page zoom)", () => {
    const image = gradient(250, 250);
    const crop = cropToRegion(image, { x: 20, y: 20, width: 100, height: 100 }, 1.5);
    expect(pixel(crop, 0, 0)).toEqual([21, 21, 0, 255]); // floor(30 - 9)
    expect(crop.width).toBe(Math.ceil(180 + 9) - 21);
  });

  it("clamps a region that runs off the capture", () => {
    const image = gradient(100, 80);
    const crop = cropToRegion(image, { x: 70, y: -10, width: 100, height: 40 }, 1);
    expect(crop.width).toBe(100 - 62);
    expect(crop.height).toBe(38); // y from -18 (clamped to 0) to 30 + 8
    expect(pixel(crop, 0, 0)).toEqual([62, 0, 0, 255]);
  });

  it("treats a missing or absurd ratio as 1", () => {
    const image = gradient(100, 100);
    expect(cropToRegion(image, { x: 40, y: 40, width: 10, height: 10 }, Number.NaN).width).toBe(26);
    expect(cropToRegion(image, { x: 40, y: 40, width: 10, height: 10 }, 0).width).toBe(26);
  });
});

describe("blobFromDataUrl", () => {
  it("decodes base64 data URLs such as captureVisibleTab's", async () => {
    const blob = blobFromDataUrl("data:image/png;base64,iVBORw0K");
    expect(blob.type).toBe("image/png");
    expect(Array.from(new Uint8Array(await blob.arrayBuffer()))).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a,
    ]);
  });

  it("rejects text that is not a data URL", () => {
    expect(() => blobFromDataUrl("https://example.com/qr.png")).toThrow(TypeError);
  });
});
