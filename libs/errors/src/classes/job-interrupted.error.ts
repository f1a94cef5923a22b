import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** The server stopped (shutdown or crash) while the job was waiting or running. */
export class JobInterruptedError extends ForgeSyteError {
  override readonly name = 'JobInterruptedError';
  readonly code = 'JOB_INTERRUPTED';
  readonly type = 'ExecutionError';

  constructor(options?: ForgeSyteErrorOptions) {
    super('The server stopped before this job finished. Submit it again.', { retryable: true, ...options });
  }
}
