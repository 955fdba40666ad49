// Summary statistics for the benchmark: every figure is a median with its min–max over ≥ 5 runs, and every
// comparison is a ratio of two medians measured in the same run (this machine is shared and noisy).

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0–100) of raw samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of no values");
  if (p < 0 || p > 100) throw new RangeError("p must be within 0–100");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError("summary of no values");
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** How many times `a` is of `b` (e.g. jsQR median / zxing median = speed-up); NaN when b is 0. */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

/** Ratio of medians of two series taken in the same run. */
export function ratioOfMedians(a: readonly number[], b: readonly number[]): number {
  return ratio(median(a), median(b));
}

/** Runs `fn` `runs` times one after the other and returns what each run measured. */
export async function repeat(runs: number, fn: (index: number) => Promise<number>): Promise<number[]> {
  const values: number[] = [];
  for (let index = 0; index < runs; index++) values.push(await fn(index));
  return values;
}
