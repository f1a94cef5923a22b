import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';
import type { StopMode } from './plugin-timeout.error';

/** The caller cancelled the execution before it finished. */
export class CancelledError extends ForgeSyteError {
  override readonly name = 'CancelledError';
  readonly code = 'CANCELLED';
  readonly type = 'ExecutionError';

  constructor(stopped: StopMode, options?: ForgeSyteErrorOptions) {
    super('The execution was cancelled before it finished.', { ...options, details: { stopped } });
  }
}
