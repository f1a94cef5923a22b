import type { ForgeSyteClient } from './create-forgesyte-client';
import { JobWaitTimeoutError } from './job-wait-timeout.error';
import { pause } from './pause';

/** Options of {@link waitForJob}. */
export interface WaitForJobOptions {
  /** Pause between two polls (default 250 ms). */
  readonly intervalMs?: number;
  /** Give up with a {@link JobWaitTimeoutError} after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** Stops waiting (and the poll in flight) when aborted. */
  readonly signal?: AbortSignal;
}

const DEFAULTS = Object.freeze({ intervalMs: 250, timeoutMs: 60_000 });

function fetchResult(client: ForgeSyteClient, jobId: string, signal: AbortSignal | undefined) {
  return client.GET('/v1/analyze-execution/jobs/{job_id}/result', { params: { path: { job_id: jobId } }, signal });
}

/** The answer of `GET /v1/analyze-execution/jobs/{job_id}/result`: `data` the finished job, or `error` its envelope. */
export type JobResultResponse = Awaited<ReturnType<typeof fetchResult>>;

/**
 * Polls `GET /v1/analyze-execution/jobs/{job_id}/result` until the job has finished (`success`, `failed`
 * or `cancelled`: `data` has its `result` or `error`) or the API answers another error (`error`, e.g.
 * `JOB_NOT_FOUND`). Throws {@link JobWaitTimeoutError} after `timeoutMs`, and the signal's reason when aborted.
 */
export async function waitForJob(client: ForgeSyteClient, jobId: string, options: WaitForJobOptions = {}): Promise<JobResultResponse> {
  const { intervalMs, timeoutMs } = { ...DEFAULTS, ...options };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await fetchResult(client, jobId, options.signal);
    // `error` is the envelope, or a body that is not one (a proxy's 502 page): `?.` at every step.
    if (answer.error?.error?.code !== 'JOB_NOT_FINISHED') return answer;
    if (Date.now() + intervalMs > deadline) throw new JobWaitTimeoutError(jobId, timeoutMs);
    await pause(intervalMs, options.signal);
  }
}
