import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** The tool returned a result that violates its own output schema; the result is withheld. */
export class OutputInvalidError extends ForgeSyteError {
  override readonly name = 'OutputInvalidError';
  readonly code = 'OUTPUT_INVALID';
  readonly type = 'PluginError';

  constructor(message: string, options?: ForgeSyteErrorOptions) {
    super(message, options);
  }
}
