/** {@link waitForJob} gave up: the job had not finished within its `timeoutMs`. */
export class JobWaitTimeoutError extends Error {
  override readonly name = 'JobWaitTimeoutError';

  constructor(
    /** The job waited for. */
    readonly jobId: string,
    /** How long it was waited for. */
    readonly timeoutMs: number,
  ) {
    super(
      `Job ${jobId} had not finished after ${timeoutMs} ms: pass a larger timeoutMs to waitForJob, or cancel it with ` +
        'DELETE /v1/analyze-execution/jobs/{job_id}.',
    );
  }
}
