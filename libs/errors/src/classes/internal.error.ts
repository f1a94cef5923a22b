import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** Anything unexpected (a bug). Its cause is logged on the server, never sent to the client. */
export class InternalError extends ForgeSyteError {
  override readonly name = 'InternalError';
  readonly code = 'INTERNAL';
  readonly type = 'InternalError';

  constructor(options?: ForgeSyteErrorOptions) {
    super(
      'An unexpected error occurred on the server. Retry; if it persists, report the request_id to the operator, who will find the cause in the server log.',
      { retryable: true, ...options },
    );
  }
}
