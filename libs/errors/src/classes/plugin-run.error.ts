import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** The plugin's `run` threw or rejected (code `PLUGIN_ERROR`). */
export class PluginRunError extends ForgeSyteError {
  override readonly name = 'PluginRunError';
  readonly code = 'PLUGIN_ERROR';
  readonly type = 'PluginError';

  constructor(message: string, options?: ForgeSyteErrorOptions) {
    super(message, options);
  }
}
