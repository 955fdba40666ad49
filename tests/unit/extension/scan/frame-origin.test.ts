// A QR code shown inside a frame belongs to the frame's site: the innermost frame under a point (a region's
// centre) is chosen, and frames are tried innermost first when looking for the code in a whole-tab capture;
// empty frames never match.
import { describe, expect, it } from "vitest";
import { framesAt, innermostFirst, overlaps } from "../../../../extension/scan/frame-origin";

const outer = { origin: "https://shop.example", x: 100, y: 100, width: 600, height: 400 };
const inner = { origin: "https://idp.example", x: 150, y: 150, width: 300, height: 300 };
const hidden = { origin: "https://tracker.example", x: 0, y: 0, width: 0, height: 0 };

describe("frame origin", () => {
  it("picks the innermost frame under a point, and none outside every frame", () => {
    expect(framesAt([outer, inner, hidden], 200, 200).map((f) => f.origin)).toEqual([
      "https://idp.example",
      "https://shop.example",
    ]);
    expect(framesAt([outer, inner], 650, 450).map((f) => f.origin)).toEqual(["https://shop.example"]);
    expect(framesAt([outer, inner, hidden], 50, 50)).toEqual([]);
    // The right and bottom edges are outside (boxes are half-open).
    expect(framesAt([inner], 450, 200)).toEqual([]);
  });

  it("orders frames innermost first and leaves out empty ones", () => {
    expect(innermostFirst([outer, hidden, inner]).map((f) => f.origin)).toEqual([
      "https://idp.example",
      "https://shop.example",
    ]);
  });

  it("tells whether a frame is inside the captured viewport at all", () => {
    const viewport = { x: 0, y: 0, width: 1280, height: 800 };
    expect(overlaps(outer, viewport)).toBe(true);
    expect(overlaps({ ...outer, y: 900 }, viewport)).toBe(false);
    expect(overlaps({ ...outer, x: -700 }, viewport)).toBe(false);
  });
});
