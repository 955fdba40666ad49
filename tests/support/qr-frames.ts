// Page-like screen captures with QR codes in them, rendered without a browser so that the same frames can be
// made in Node (unit tests) and in Chromium (bundled with esbuild for the e2e decoder test and benchmarks).
// Each frame is what `tabs.captureVisibleTab` would return: a light or dark page with a header, lines of
// "text", a card holding the QR code, rendered at a device pixel ratio with anti-aliased module edges.
import QRCode from "qrcode";

export interface QrPlacement {
  text: string;
  /** Size of the symbol (without quiet zone) in CSS pixels. */
  sizeCss: number;
  /** Top-left corner of the symbol in CSS pixels. */
  xCss: number;
  yCss: number;
}

export interface FrameSpec {
  codes: QrPlacement[];
  /** Dark theme: light modules on a dark background (inverted colours). */
  theme: "light" | "dark";
  /** Device pixels per CSS pixel (1, 1.5, 2). */
  scale: number;
  /** Device pixels. */
  width: number;
  height: number;
  /** Seed for the page's decorative content. */
  seed?: number;
}

export interface RgbaFrame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

interface Palette {
  page: number;
  header: number;
  text: number;
  card: number;
  module: number;
}

const palettes: Record<FrameSpec["theme"], Palette> = {
  light: { page: 0xf4f5f7, header: 0x1f3a5f, text: 0x9aa0a6, card: 0xffffff, module: 0x111111 },
  dark: { page: 0x121417, header: 0x2b2f36, text: 0x5f6368, card: 0x1e2126, module: 0xe8eaed },
};

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  color: number;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

/** Decorative page boxes in CSS pixels: header, text lines, and one card per QR code (drawn last). */
function pageBoxes(spec: FrameSpec, palette: Palette): Box[] {
  const random = seeded(spec.seed ?? 7);
  const widthCss = spec.width / spec.scale;
  const heightCss = spec.height / spec.scale;
  const boxes: Box[] = [{ x: 0, y: 0, w: widthCss, h: 56, color: palette.header }];
  for (let y = 90; y < heightCss - 20; y += 26) {
    const x = 40 + random() * 30;
    boxes.push({ x, y, w: 200 + random() * (widthCss - 320), h: 10, color: palette.text });
  }
  for (const code of spec.codes) {
    const pad = code.sizeCss * 0.2 + 16;
    boxes.push({
      x: code.xCss - pad,
      y: code.yCss - pad,
      w: code.sizeCss + 2 * pad,
      h: code.sizeCss + 2 * pad,
      color: palette.card,
    });
  }
  return boxes;
}

function put(data: Uint8ClampedArray, index: number, color: number): void {
  data[index] = (color >> 16) & 255;
  data[index + 1] = (color >> 8) & 255;
  data[index + 2] = color & 255;
  data[index + 3] = 255;
}

function mix(a: number, b: number, t: number): number {
  const channel = (shift: number) => Math.round(((a >> shift) & 255) * (1 - t) + ((b >> shift) & 255) * t);
  return (channel(16) << 16) | (channel(8) << 8) | channel(0);
}

export function renderFrame(spec: FrameSpec): RgbaFrame {
  const palette = palettes[spec.theme];
  const data = new Uint8ClampedArray(spec.width * spec.height * 4);
  for (let i = 0; i < data.length; i += 4) put(data, i, palette.page);
  for (const box of pageBoxes(spec, palette)) fillBox(data, spec, box);
  for (const code of spec.codes) drawQr(data, spec, code, palette);
  return { data, width: spec.width, height: spec.height };
}

function fillBox(data: Uint8ClampedArray, spec: FrameSpec, box: Box): void {
  const x0 = Math.max(0, Math.round(box.x * spec.scale));
  const y0 = Math.max(0, Math.round(box.y * spec.scale));
  const x1 = Math.min(spec.width, Math.round((box.x + box.w) * spec.scale));
  const y1 = Math.min(spec.height, Math.round((box.y + box.h) * spec.scale));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) put(data, (y * spec.width + x) * 4, box.color);
}

/** Draws the symbol with 4×4 supersampling, as a browser scaling a QR image with smoothing would. */
function drawQr(data: Uint8ClampedArray, spec: FrameSpec, code: QrPlacement, palette: Palette): void {
  const qr = QRCode.create(code.text, { errorCorrectionLevel: "M" });
  const modules = qr.modules.size;
  const size = code.sizeCss * spec.scale;
  const left = code.xCss * spec.scale;
  const top = code.yCss * spec.scale;
  const moduleSize = size / modules;
  const samples = 4;
  for (let y = Math.floor(top); y < Math.ceil(top + size) && y < spec.height; y++) {
    for (let x = Math.floor(left); x < Math.ceil(left + size) && x < spec.width; x++) {
      let dark = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const mx = Math.floor((x + (sx + 0.5) / samples - left) / moduleSize);
          const my = Math.floor((y + (sy + 0.5) / samples - top) / moduleSize);
          if (mx >= 0 && my >= 0 && mx < modules && my < modules && qr.modules.get(my, mx)) dark++;
        }
      }
      put(data, (y * spec.width + x) * 4, mix(palette.card, palette.module, dark / (samples * samples)));
    }
  }
}

/** A realistic otpauth URI of the length real enrolment pages show (version 8 symbol at level M). */
export function sampleUri(n: number): string {
  const secrets = [
    "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
    "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
  ];
  const secret = secrets[n % secrets.length];
  return `otpauth://totp/KOSMO%20Web:member${n}%40example.jp?secret=${secret}&issuer=KOSMO%20Web&algorithm=SHA1&digits=6&period=30`;
}
