// Synthetic screen captures, drawn in the Chromium page that decodes them: a web page (top bar, side menu,
// text, cards, a picture, buttons) with one QR code, at a device-pixel ratio, light or dark (inverted QR),
// optionally re-encoded as JPEG with canvas.toBlob — what tabs.captureVisibleTab and screenshots give us.
import QRCode from "qrcode";

export interface FrameSpec {
  /** Device pixels of the capture. */
  width: number;
  height: number;
  /** Displayed QR size in CSS pixels (the image is S×S CSS px, scaled by the device-pixel ratio). */
  qrCssPx: number;
  dpr: number;
  theme: "light" | "dark";
  jpegQuality?: number;
  text: string;
  seed: number;
}

const QUIET_ZONE_MODULES = 2; // like qrcode.toDataURL({ margin: 2 }) on many enrolment pages
const WORDS = [
  "ご利用",
  "お知らせ",
  "アカウント",
  "設定",
  "セキュリティ",
  "認証アプリ",
  "会員",
  "サービス",
  "account",
  "security",
  "settings",
  "verify",
  "member",
  "portal",
  "二段階認証",
  "ログイン",
];

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The QR as a site would serve it: an S×S image with whole-pixel modules (nearest neighbour). */
function qrImage(text: string, size: number, dark: string, light: string): HTMLCanvasElement {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size + QUIET_ZONE_MODULES * 2;
  const modules = document.createElement("canvas");
  modules.width = count;
  modules.height = count;
  const m = modules.getContext("2d")!;
  m.fillStyle = light;
  m.fillRect(0, 0, count, count);
  m.fillStyle = dark;
  for (let row = 0; row < qr.modules.size; row++) {
    for (let col = 0; col < qr.modules.size; col++) {
      if (qr.modules.get(row, col)) m.fillRect(col + QUIET_ZONE_MODULES, row + QUIET_ZONE_MODULES, 1, 1);
    }
  }
  const image = document.createElement("canvas");
  image.width = size;
  image.height = size;
  const ctx = image.getContext("2d")!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(modules, 0, 0, size, size);
  return image;
}

function textLine(
  ctx: CanvasRenderingContext2D,
  random: () => number,
  x: number,
  y: number,
  maxWidth: number,
) {
  let line = "";
  while (ctx.measureText(line).width < maxWidth * (0.6 + random() * 0.4)) {
    line += `${WORDS[Math.floor(random() * WORDS.length)]} `;
  }
  ctx.fillText(line.trim(), x, y, maxWidth);
}

export async function makeFrame(spec: FrameSpec): Promise<ImageData> {
  const random = prng(spec.seed);
  const dark = spec.theme === "dark";
  const colors = dark
    ? { bg: "#1e1f22", bar: "#2b2d31", text: "#dcdde1", muted: "#8e9297", card: "#26282c", accent: "#5865f2" }
    : {
        bg: "#ffffff",
        bar: "#0b57d0",
        text: "#202124",
        muted: "#5f6368",
        card: "#f1f3f4",
        accent: "#1a73e8",
      };
  const canvas = document.createElement("canvas");
  canvas.width = spec.width;
  canvas.height = spec.height;
  const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
  ctx.setTransform(spec.dpr, 0, 0, spec.dpr, 0, 0);
  const cssWidth = spec.width / spec.dpr;
  const cssHeight = spec.height / spec.dpr;

  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, cssWidth, cssHeight);
  ctx.fillStyle = colors.bar;
  ctx.fillRect(0, 0, cssWidth, 56);
  ctx.fillStyle = "#ffffff";
  ctx.font = "bold 20px sans-serif";
  ctx.fillText("KOSMO Web — 二段階認証の設定", 24, 36);
  ctx.font = "14px sans-serif";
  ctx.fillStyle = colors.muted;
  for (let i = 0; i < 14; i++) ctx.fillText(`${WORDS[i % WORDS.length]} メニュー ${i + 1}`, 24, 96 + i * 32);

  const left = 240;
  const contentWidth = Math.min(cssWidth - left - 40, 1100);
  ctx.fillStyle = colors.text;
  ctx.font = "bold 24px sans-serif";
  ctx.fillText("認証アプリの登録", left, 100);
  ctx.font = "15px sans-serif";
  for (let y = 136; y < cssHeight - 40; y += 24) {
    ctx.fillStyle = random() < 0.15 ? colors.accent : colors.text;
    textLine(ctx, random, left, y, contentWidth);
    if (random() < 0.08) {
      ctx.fillStyle = colors.card;
      ctx.fillRect(left, y + 10, contentWidth, 90);
      const gradient = ctx.createLinearGradient(left + 12, y, left + 160, y + 80);
      gradient.addColorStop(0, "#f4b400");
      gradient.addColorStop(1, "#db4437");
      ctx.fillStyle = gradient;
      ctx.fillRect(left + 12, y + 20, 140, 70);
      ctx.fillStyle = colors.accent;
      ctx.fillRect(left + contentWidth - 140, y + 40, 120, 36);
      y += 110;
    }
  }

  // The QR code with a light (or dark) panel under it, somewhere in the content column.
  const size = spec.qrCssPx;
  const qrX = left + 40 + Math.floor(random() * Math.max(1, contentWidth - size - 80));
  const qrY = 140 + Math.floor(random() * Math.max(1, cssHeight - size - 220));
  ctx.fillStyle = colors.bg;
  ctx.fillRect(qrX - 24, qrY - 24, size + 48, size + 72);
  const qr = dark
    ? qrImage(spec.text, size, "#e8eaed", colors.bg)
    : qrImage(spec.text, size, "#000000", "#ffffff");
  ctx.imageSmoothingEnabled = true; // the browser scales the image by the device-pixel ratio
  ctx.imageSmoothingQuality = "medium";
  ctx.drawImage(qr, qrX, qrY, size, size);
  ctx.fillStyle = colors.muted;
  ctx.font = "13px sans-serif";
  ctx.fillText("認証アプリで読み取ってください", qrX, qrY + size + 28);

  if (spec.jpegQuality !== undefined) {
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error("toBlob failed"))),
        "image/jpeg",
        spec.jpegQuality,
      ),
    );
    const bitmap = await createImageBitmap(blob);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
  }
  return ctx.getImageData(0, 0, spec.width, spec.height);
}
