/** The `p`-th percentile (0..100) of ascending `sorted` values, nearest-rank; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The median of `values` (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Mean, p50 and p99 of per-operation timings, in nanoseconds. */
export interface TimingSummary {
  readonly meanNs: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly count: number;
}

/** Summarizes per-operation timings given in nanoseconds. */
export function summarizeTimings(samplesNs: Float64Array): TimingSummary {
  const sorted = Float64Array.from(samplesNs).sort();
  let total = 0;
  for (const sample of sorted) total += sample;
  return { meanNs: total / sorted.length, p50Ns: percentile(sorted, 50), p99Ns: percentile(sorted, 99), count: sorted.length };
}

/** p50, p99 and the largest of latencies in milliseconds, and how many there were. */
export interface LatencySummary {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly count: number;
}

/** Summarizes latencies given in milliseconds (nearest-rank percentiles; NaN when there are none). */
export function summarizeLatencies(latenciesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length === 0 ? NaN : sorted[sorted.length - 1],
    count: sorted.length,
  };
}
