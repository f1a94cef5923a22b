import { type ErrorContext, ForgeSyteError } from '../forgesyte.error';

/** The job's result was requested before the job reached a terminal status. */
export class JobNotFinishedError extends ForgeSyteError {
  override readonly name = 'JobNotFinishedError';
  readonly code = 'JOB_NOT_FINISHED';
  readonly type = 'ConflictError';

  constructor(jobId: string, status: string, context: Omit<ErrorContext, 'jobId'> = {}) {
    super(`Job '${jobId}' is still ${status}. Poll the job until its status is success, failed or cancelled.`, {
      ...context,
      jobId,
      retryable: true,
      details: { status },
    });
  }
}
