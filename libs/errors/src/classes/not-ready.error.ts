import { ForgeSyteError } from '../forgesyte.error';

/**
 * This server should be sent no work for now: a readiness check failed (the job store cannot be
 * written, the queue is full or stopped, no plugin can be called) or it is shutting down. Retryable,
 * best on another instance. `failedChecks` are the failed checks by name, each with what it found, as
 * `details.checks`; they must hold nothing internal (no path, no server address): readiness is public.
 */
export class NotReadyError extends ForgeSyteError {
  override readonly name = 'NotReadyError';
  readonly code = 'NOT_READY';
  readonly type = 'InternalError';

  constructor(
    failedChecks: Readonly<Record<string, unknown>>,
    readonly retryAfterSeconds = 5,
  ) {
    const names = Object.keys(failedChecks);
    super(
      `This server is not ready to take work (failed: ${names.length > 0 ? names.join(', ') : 'unknown'}). Send requests to another instance, or retry after ${retryAfterSeconds} s; ` +
        '`details.checks` says what each failed check found, and the server log says more.',
      { retryable: true, details: { checks: failedChecks, retry_after_seconds: retryAfterSeconds } },
    );
  }
}
