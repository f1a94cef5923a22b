import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** A tool's `args` do not satisfy its input schema, or the tool rejected them as unprocessable. */
export class InputInvalidError extends ForgeSyteError {
  override readonly name = 'InputInvalidError';
  readonly code = 'INPUT_INVALID';
  readonly type = 'ValidationError';

  constructor(message: string, options?: ForgeSyteErrorOptions) {
    super(message, options);
  }
}
