import { ForgeSyteError } from '../forgesyte.error';

/** No job with this id exists, or it belongs to another API key. */
export class JobNotFoundError extends ForgeSyteError {
  override readonly name = 'JobNotFoundError';
  readonly code = 'JOB_NOT_FOUND';
  readonly type = 'NotFoundError';

  constructor(jobId: string) {
    super(
      `No job '${jobId}' exists for this API key. Check the id returned when the job was submitted; finished jobs are kept for a limited time.`,
      { jobId },
    );
  }
}
