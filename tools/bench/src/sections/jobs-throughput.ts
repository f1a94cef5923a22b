/** A job's end as a throughput measurement needs it. */
export interface FinishedJob {
  readonly id: string;
  readonly status: string;
  /** Epoch ms at which the job ended. */
  readonly completedAtMs: number | null;
}

/**
 * Jobs per second of a batch submitted from `startedAtMs`: the batch size over the time until its
 * last job ended (its own `completed_at`, so that the poll that noticed it does not count). Throws
 * unless every job of the batch is `success`.
 */
export function jobsPerSecond(batch: readonly FinishedJob[], startedAtMs: number, label: string): number {
  let lastEnd = startedAtMs;
  for (const job of batch) {
    if (job.status !== 'success' || job.completedAtMs === null) {
      throw new Error(`${label}: job ${job.id} ended '${job.status}', expected 'success'`);
    }
    lastEnd = Math.max(lastEnd, job.completedAtMs);
  }
  return (batch.length * 1000) / Math.max(1, lastEnd - startedAtMs);
}
