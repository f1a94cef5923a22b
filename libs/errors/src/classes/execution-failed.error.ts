import type { ErrorBody } from '../error-body';
import type { ErrorCode } from '../error-code';
import type { ErrorType } from '../error-type';
import { ForgeSyteError } from '../forgesyte.error';

/**
 * A failed execution surfaced to the caller. It carries the execution's own error (code, type,
 * message, details, plugin, tool, job) unchanged, so the caller is answered as if that error had been
 * thrown directly: by its code.
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
