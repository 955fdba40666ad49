// Turning what the browser gives us (a captureVisibleTab data URL, a Blob, a dropped or pasted File) into
// ImageData for the decoder, and cutting out the region the member dragged. createImageBitmap and
// OffscreenCanvas exist in the MV3 service worker as well as in pages.

export interface CropRegion {
  /** CSS pixels relative to the viewport's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Quiet zone added around a tight selection: ZXing needs light margin around the finder patterns. */
const CROP_MARGIN_FRACTION = 0.06;
const CROP_MARGIN_MIN_PX = 8;

/** Longest side kept as is: a 4K screen capture stays native, a 50-megapixel photo is scaled down. */
export const MAX_IMAGE_SIDE = 3840;

/** Decodes an image Blob/File (PNG, JPEG, WebP, …) into RGBA pixels, scaled down if it is huge. */
export async function imageDataFromBlob(blob: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob);
  try {
    const factor = Math.min(1, MAX_IMAGE_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * factor));
    const height = Math.max(1, Math.round(bitmap.height * factor));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("2d context unavailable");
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  } finally {
    bitmap.close();
  }
}

/** Converts a `data:image/...;base64,` URL (what tabs.captureVisibleTab returns) to a Blob without fetch. */
export function blobFromDataUrl(dataUrl: string): Blob {
  const match = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) throw new TypeError("not a data URL");
  const type = match[1] ?? "application/octet-stream";
  const payload = match[3] ?? "";
  if (!match[2]) return new Blob([decodeURIComponent(payload)], { type });
  const binary = atob(payload);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

export function imageDataFromDataUrl(dataUrl: string): Promise<ImageData> {
  return imageDataFromBlob(blobFromDataUrl(dataUrl));
}

/**
 * The part of a capture under a region given in CSS pixels. `scale` is device pixels per CSS pixel of the
 * capture: pass the region's devicePixelRatio (it includes page zoom in Chrome), or more robustly
 * `image.width / viewportWidth`. A small margin is added (clamped to the image) so a tight box still decodes.
 */
export function cropToRegion(image: ImageData, region: CropRegion, scale: number): ImageData {
  const factor = Number.isFinite(scale) && scale > 0 ? scale : 1;
  const margin = Math.max(
    CROP_MARGIN_MIN_PX,
    Math.max(region.width, region.height) * factor * CROP_MARGIN_FRACTION,
  );
  const left = clamp(Math.floor(region.x * factor - margin), 0, image.width);
  const top = clamp(Math.floor(region.y * factor - margin), 0, image.height);
  const right = clamp(Math.ceil((region.x + region.width) * factor + margin), left, image.width);
  const bottom = clamp(Math.ceil((region.y + region.height) * factor + margin), top, image.height);
  const width = right - left;
  const height = bottom - top;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const start = ((top + row) * image.width + left) * 4;
    data.set(image.data.subarray(start, start + width * 4), row * width * 4);
  }
  return makeImageData(data, width, height);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** ImageData where the platform has it; a structurally identical object in Node (tests). */
export function makeImageData(data: Uint8ClampedArray, width: number, height: number): ImageData {
  if (typeof ImageData !== "undefined" && width > 0 && height > 0) {
    return new ImageData(data as Uint8ClampedArray<ArrayBuffer>, width, height);
  }
  return { data, width, height, colorSpace: "srgb" } as ImageData;
}
