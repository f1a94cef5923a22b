import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** The HTTP request itself is malformed: bad JSON, wrong field types, unknown fields, bad query values. */
export class RequestInvalidError extends ForgeSyteError {
  override readonly name = 'RequestInvalidError';
  readonly code = 'REQUEST_INVALID';
  readonly type = 'ValidationError';

  constructor(message: string, options?: ForgeSyteErrorOptions) {
    super(message, options);
  }
}
