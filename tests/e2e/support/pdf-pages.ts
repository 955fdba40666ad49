// A printed PDF as its pages: each page's pixels (Poppler's pdftoppm, greyscale PGM, expanded to RGBA for the
// extension's QR decoder) and its text (pdftotext). `npm test` installs poppler-utils (scripts/chromium.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PdfPage {
  image: ImageData;
  text: string;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new Error(
      `${command} failed: ${result.error?.message ?? result.stderr} (is poppler-utils installed?)`,
    );
  }
  return result.stdout;
}

/** A binary greyscale PGM (P5, maxval 255) as RGBA ImageData. */
function pgmToImageData(bytes: Buffer): ImageData {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("not an 8-bit P5 PGM");
  const [whole, w, h] = header;
  const width = Number(w);
  const height = Number(h);
  const grey = bytes.subarray(whole.length, whole.length + width * height);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < grey.length; i++) {
    data.fill(grey[i] as number, i * 4, i * 4 + 3);
    data[i * 4 + 3] = 255;
  }
  return { data, width, height, colorSpace: "srgb" } as ImageData;
}

export function pdfPages(pdf: Uint8Array, dpi = 150): PdfPage[] {
  const dir = mkdtempSync(path.join(tmpdir(), "kosmo-pdf-"));
  try {
    const file = path.join(dir, "printed.pdf");
    writeFileSync(file, pdf);
    run("pdftoppm", ["-r", String(dpi), "-gray", file, path.join(dir, "page")]);
    const images = readdirSync(dir)
      .filter((name) => name.endsWith(".pgm"))
      .sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)?.[1]) - Number(/(\d+)\.pgm$/.exec(b)?.[1]));
    return images.map((name, index) => ({
      image: pgmToImageData(readFileSync(path.join(dir, name))),
      text: run("pdftotext", ["-f", String(index + 1), "-l", String(index + 1), file, "-"]),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
