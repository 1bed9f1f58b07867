/** One line of `npm run bench`: a figure, and its ratio to a baseline measured in the same run. */
export interface BenchResult {
  area: string;
  name: string;
  value: number;
  unit: string;
  /** What the same run measured for the baseline, in the same unit. */
  baseline?: { name: string; value: number };
  /** The target, as text (e.g. "≥ 1.0× curl+sha256sum", "≤ 300 ms median"). */
  target?: string;
  /** Whether the target was met; undefined when there is no target. */
  pass?: boolean;
}

export interface BenchModule {
  run(options: { quick: boolean }): Promise<BenchResult[]>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}
