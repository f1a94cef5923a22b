import type { ErrorBody } from '../error-body';
import type { ErrorCode } from '../error-code';
import type { ErrorType } from '../error-type';
import { ForgeSyteError } from '../forgesyte.error';

/**
 * A failed execution surfaced to the caller. It carries the execution's own error (code, message,
 * plugin, tool, job) and always maps to status 400, whatever that code would map to as a path lookup:
 * an unknown plugin named in a request body is a bad request, not a missing URL.
 */
export class ExecutionFailedError extends ForgeSyteError {
  override readonly name = 'ExecutionFailedError';
  readonly code: ErrorCode;
  readonly type: ErrorType;

  constructor(failure: ErrorBody) {
    super(failure.message, {
      details: failure.details,
      retryable: failure.retryable,
      plugin: failure.plugin ?? undefined,
      tool: failure.tool ?? undefined,
      jobId: failure.job_id ?? undefined,
    });
    this.code = failure.code;
    this.type = failure.type;
  }
}
