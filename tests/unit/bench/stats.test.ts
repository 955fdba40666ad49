import { describe, expect, it } from "vitest";
import { median, percentile, ratio, ratioOfMedians, repeat, summarize } from "../../../bench/stats";

describe("bench statistics", () => {
  it("takes the middle value of an odd count and the mean of the two middle values of an even count", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it("summarizes median, min, max and the number of runs", () => {
    expect(summarize([12, 10, 30, 11, 13])).toEqual({ median: 12, min: 10, max: 30, runs: 5 });
  });

  it("computes ratios, and ratios of medians of two series", () => {
    expect(ratio(150, 10)).toBe(15);
    expect(Number.isNaN(ratio(1, 0))).toBe(true);
    expect(ratioOfMedians([100, 200, 300], [10, 20, 30])).toBe(10);
  });

  it("gives nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([42], 99)).toBe(42);
  });

  it("refuses empty input", () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });

  it("repeats a measurement in order", async () => {
    expect(await repeat(3, async (i) => i * 2)).toEqual([0, 2, 4]);
  });
});
