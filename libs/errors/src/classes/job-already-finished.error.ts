import { type ErrorContext, ForgeSyteError } from '../forgesyte.error';

/** A cancel arrived after the job had already ended. */
export class JobAlreadyFinishedError extends ForgeSyteError {
  override readonly name = 'JobAlreadyFinishedError';
  readonly code = 'JOB_ALREADY_FINISHED';
  readonly type = 'ConflictError';

  constructor(jobId: string, status: string, context: Omit<ErrorContext, 'jobId'> = {}) {
    super(`Job '${jobId}' already ended with status ${status}; there is nothing to cancel.`, {
      ...context,
      jobId,
      details: { status },
    });
  }
}
