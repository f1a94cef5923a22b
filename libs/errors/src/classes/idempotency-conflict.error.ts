import { ForgeSyteError } from '../forgesyte.error';

/** An Idempotency-Key was reused with a different request body. */
export class IdempotencyConflictError extends ForgeSyteError {
  override readonly name = 'IdempotencyConflictError';
  readonly code = 'IDEMPOTENCY_CONFLICT';
  readonly type = 'ConflictError';

  constructor(key: string, jobId: string) {
    super(
      `Idempotency-Key '${key}' was already used for job '${jobId}' with a different request body. Use a new key for a new request.`,
      { jobId, details: { idempotency_key: key } },
    );
  }
}
