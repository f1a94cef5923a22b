import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** The tool's worker died (crash, out of memory, `process.exit`) before returning a result. */
export class PluginCrashedError extends ForgeSyteError {
  override readonly name = 'PluginCrashedError';
  readonly code = 'PLUGIN_CRASHED';
  readonly type = 'PluginError';

  constructor(message: string, options?: ForgeSyteErrorOptions) {
    super(message, { retryable: true, ...options });
  }
}
