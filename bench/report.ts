// The results model shared by every section, the console table and bench/RESULTS.md.
import type { Summary } from "./stats";

export type Status = "PASS" | "MISS" | "INFO" | "NOT MEASURED";

export interface Row {
  name: string;
  /** e.g. "9.8 ms (8.9–12.1)" */
  value: string;
  target?: string;
  status: Status;
}

export interface SectionResult {
  title: string;
  rows: Row[];
  /** Plain statements: how it was measured, and for every MISS what limits it. */
  notes: string[];
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  chromium: string;
  os: string;
  date: string;
  loadBefore: number[];
  loadAfter?: number[];
}

/** "9.8 ms (8.9–12.1, 5 runs)" */
export function formatSummary(summary: Summary, unit: string, digits = 1): string {
  const f = (value: number) => formatNumber(value, digits);
  return `${f(summary.median)} ${unit} (${f(summary.min)}–${f(summary.max)}, ${summary.runs} runs)`;
}

export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function check(passed: boolean): Status {
  return passed ? "PASS" : "MISS";
}

export function printTable(sections: SectionResult[]): void {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push("", `== ${section.title}`);
    const width = Math.max(...section.rows.map((row) => row.name.length), 10);
    for (const row of section.rows) {
      const target = row.target
        ? `  [target ${row.target}: ${row.status}]`
        : row.status === "INFO"
          ? ""
          : `  [${row.status}]`;
      lines.push(`  ${row.name.padEnd(width)}  ${row.value}${target}`);
    }
  }
  console.log(lines.join("\n"));
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderMarkdown(input: {
  machine: MachineInfo;
  sections: SectionResult[];
  quick: boolean;
  durationSeconds: number;
  sharedNote: string;
}): string {
  const { machine } = input;
  const load = (values?: number[]) => (values ? values.map((v) => v.toFixed(2)).join(" / ") : "n/a");
  const out: string[] = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts). Every figure is the median with min–max over the stated",
    "number of runs; every comparison is a ratio of medians measured in the same run. Targets come from issue 5.",
    "",
    "## Machine",
    "",
    `- Date: ${machine.date}${input.quick ? " — **quick smoke run (`--quick`): fewer, shorter runs; not a result**" : ""}`,
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores; memory ${machine.memoryGiB.toFixed(1)} GiB`,
    `- OS: ${machine.os}; Node ${machine.node}; ${machine.chromium}`,
    `- Load average (1/5/15 min) before: ${load(machine.loadBefore)}; after: ${load(machine.loadAfter)}`,
    `- ${input.sharedNote}`,
    `- Whole run took ${input.durationSeconds.toFixed(0)} s.`,
    "",
  ];
  const misses = input.sections.flatMap((s) =>
    s.rows.filter((r) => r.status === "MISS").map((r) => `${s.title}: ${r.name.trim()}`),
  );
  out.push("## Summary", "");
  out.push(misses.length === 0 ? "All measured targets were met." : `Targets missed: ${misses.join("; ")}.`);
  const notMeasured = input.sections.flatMap((s) =>
    s.rows.filter((r) => r.status === "NOT MEASURED").map((r) => r.name.trim()),
  );
  if (notMeasured.length > 0) out.push("", `Not measured: ${notMeasured.join("; ")} (reasons below).`);
  for (const section of input.sections) {
    out.push("", `## ${section.title}`, "", "| Measure | Result | Target | Status |", "|---|---|---|---|");
    for (const row of section.rows) {
      out.push(
        `| ${escapeCell(row.name)} | ${escapeCell(row.value)} | ${escapeCell(row.target ?? "—")} | ${row.status} |`,
      );
    }
    if (section.notes.length > 0) out.push("", ...section.notes.map((note) => `- ${note}`));
  }
  out.push("");
  return out.join("\n");
}
