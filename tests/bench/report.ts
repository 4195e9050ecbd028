/** One figure a benchmark prints: what, how much, in what unit, and the goal beside it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The goal, as text: `≤ 250 ms`, `≥ 10000 /s`. */
  target?: string;
  /** Whether the figure meets the goal; undefined where there is no goal. */
  ok?: boolean;
}

export type Report = (figure: Figure) => void;

/** A benchmark module: `export default async function (report) { ... }`. */
export type Benchmark = (report: Report) => Promise<void>;

/** Percentile of a sample (nearest rank), for latency figures. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function atMost(value: number, goal: number, unit: string): Pick<Figure, 'target' | 'ok'> {
  return { target: `≤ ${goal} ${unit}`, ok: value <= goal };
}

export function atLeast(value: number, goal: number, unit: string): Pick<Figure, 'target' | 'ok'> {
  return { target: `≥ ${goal} ${unit}`, ok: value >= goal };
}

/** A figure as one line: ✓ or ✗ against its goal, the value, the unit, the goal. */
export function formatFigure(f: Figure): string {
  const value = Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(f.value < 10 ? 3 : 1);
  const mark = f.ok === undefined ? ' ' : f.ok ? '✓' : '✗';
  return `  ${mark} ${f.name.padEnd(58)} ${value.padStart(12)} ${f.unit.padEnd(8)} ${f.target ?? ''}`;
}
