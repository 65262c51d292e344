/** A figure measured by a bench case, printed by test/bench/run.ts with its target. */
export interface BenchFigure {
  name: string;
  medianMs: number;
  p95Ms: number;
  targetMs: number;
  /** A further target of the case (peak memory …); PASS needs it met too. */
  met?: boolean;
  /** Extra figures printed beside the timing (memory, a baseline's figures). */
  note?: string;
}

/** The value at quantile q (0–1) of ascending samples, nearest-rank: no interpolation between runs. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export function figure(name: string, times: number[], targetMs: number): BenchFigure {
  const sorted = [...times].sort((a, b) => a - b);
  return { name, medianMs: round(quantile(sorted, 0.5)), p95Ms: round(quantile(sorted, 0.95)), targetMs };
}
