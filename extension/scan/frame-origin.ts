// Which site a scanned QR code belongs to when the page shows it inside a frame: the frame's origin, not the
// top page's (an account is bound to where it was enrolled). The top page's frames are listed by a function
// run in the tab (activeTab covers the top frame; a same-origin frame is looked into, a cross-origin one is
// known by the address it was loaded from), then the innermost frame under the QR code wins.
import type { CropRegion } from "./capture";

export interface FrameBox extends CropRegion {
  origin: string;
}

export interface PageFrames {
  frames: FrameBox[];
  /** CSS pixels of the top viewport: with the capture's width it gives the capture's scale. */
  viewportWidth: number;
}

/**
 * Runs in the tab (scripting.executeScript func: self-contained). Boxes are the frames' content areas in
 * the top viewport's CSS pixels; about:blank and srcdoc frames have their parent's origin.
 */
export function listPageFrames(): PageFrames {
  const frames: FrameBox[] = [];
  const walk = (doc: Document, left: number, top: number, parentOrigin: string) => {
    for (const element of doc.querySelectorAll<HTMLIFrameElement>("iframe, frame")) {
      const box = element.getBoundingClientRect();
      let origin: string | undefined;
      let inner: Document | null = null;
      try {
        inner = element.contentDocument;
        origin = inner ? element.contentWindow?.location.origin : undefined;
      } catch {
        inner = null;
      }
      if (!origin || origin === "null") {
        try {
          const url = new URL(element.src, doc.baseURI);
          origin = url.protocol === "https:" || url.protocol === "http:" ? url.origin : parentOrigin;
        } catch {
          origin = parentOrigin;
        }
      }
      const x = left + box.left + element.clientLeft;
      const y = top + box.top + element.clientTop;
      frames.push({ origin, x, y, width: element.clientWidth, height: element.clientHeight });
      if (inner) walk(inner, x, y, origin);
    }
  };
  walk(document, 0, 0, location.origin);
  return { frames, viewportWidth: window.innerWidth };
}

/** The frames under a point, innermost (smallest) first. */
export function framesAt(frames: FrameBox[], x: number, y: number): FrameBox[] {
  return frames
    .filter(
      (f) => f.width > 0 && f.height > 0 && x >= f.x && x < f.x + f.width && y >= f.y && y < f.y + f.height,
    )
    .sort((a, b) => a.width * a.height - b.width * b.height);
}

export function overlaps(a: CropRegion, b: CropRegion): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The frames, innermost (smallest) first: the order in which to look for the QR code in each. */
export function innermostFirst(frames: FrameBox[]): FrameBox[] {
  return frames
    .filter((f) => f.width > 0 && f.height > 0)
    .sort((a, b) => a.width * a.height - b.width * b.height);
}
