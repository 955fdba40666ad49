// The load runs behind each reported figure, grouped by what they measured: answers other than the expected
// status are counted and explained, and a figure most of whose answers were something else (throttled
// sign-ins, say) fails loudly — a MISS with the reason — instead of reporting a rate of nothing.
import type { Row } from "../report";
import type { CannonResult } from "./cannon";

/** Adds up runs: responses by status and errors. */
export function tally(results: readonly CannonResult[]): {
  expected: number;
  statuses: Record<number, number>;
  errors: number;
} {
  const statuses: Record<number, number> = {};
  let expected = 0;
  let errors = 0;
  for (const result of results) {
    expected += result.expected;
    errors += result.errors;
    for (const [status, count] of Object.entries(result.statuses))
      statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
  }
  return { expected, statuses, errors };
}

/**
 * Why these runs do not measure what they claim, or null: most answers (over half of responses and errors)
 * were not the expected status — a limiter answering instead of the flow, say.
 */
export function notMostlyExpected(results: readonly CannonResult[], expectStatus: number): string | null {
  const { expected, statuses, errors } = tally(results);
  const answered = Object.values(statuses).reduce((sum, n) => sum + n, 0) + errors;
  if (answered > 0 && expected * 2 > answered) return null;
  const others = Object.entries(statuses)
    .filter(([status]) => Number(status) !== expectStatus)
    .map(([status, count]) => `${count} × ${status}`);
  if (errors > 0) others.push(`${errors} errors or timeouts`);
  return answered === 0
    ? "no responses at all"
    : `only ${expected} of ${answered} answers were ${expectStatus} (${others.join(", ")})`;
}

/** Counts per unexpected status, "1,234 × 400, 3 × 500, 2 errors or timeouts", or "none". */
export function unexpectedSummary(results: readonly CannonResult[], expectStatus: number): string {
  const { statuses, errors } = tally(results);
  const parts = Object.entries(statuses)
    .filter(([status]) => Number(status) !== expectStatus)
    .map(([status, count]) => `${count.toLocaleString("en-US")} × ${status}`);
  if (errors > 0) parts.push(`${errors.toLocaleString("en-US")} errors or timeouts`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

export interface Phase {
  label: string;
  expectStatus: number;
  results: readonly CannonResult[];
}

/** `row` as measured, or a MISS saying why it is no measurement (its own answers, or an `upstream` reason). */
export function guarded(row: Row, phase: Phase, upstream: string | null = null): Row {
  const problem = notMostlyExpected(phase.results, phase.expectStatus) ?? upstream;
  if (!problem) return row;
  return { ...row, value: `${row.value} — NOT A MEASUREMENT: ${problem}`, status: "MISS" };
}

/** Every phase of a section, for one note that counts the unexpected answers of each. */
export class LoadPhases {
  private readonly phases: Phase[] = [];

  add(label: string, expectStatus: number, results: readonly CannonResult[]): Phase {
    const phase = { label, expectStatus, results };
    this.phases.push(phase);
    return phase;
  }

  /** "Every response was the expected one…" or the unexpected answers per phase, with `meanings`. */
  note(meanings: string): string {
    const unexpected = this.phases
      .map((p) => ({ label: p.label, summary: unexpectedSummary(p.results, p.expectStatus) }))
      .filter((p) => p.summary !== "none");
    return unexpected.length === 0
      ? "Every response was the expected one; no errors or timeouts."
      : `Responses other than the expected one (counted out of the throughput figures): ${unexpected.map((p) => `${p.label}: ${p.summary}`).join("; ")}. ${meanings}`;
  }
}
