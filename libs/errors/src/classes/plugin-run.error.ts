import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';
import { redactDetails, redactInternals } from '../redaction/redact-internals';

/**
 * The plugin's `run` threw or rejected (code `PLUGIN_ERROR`). The message carries the plugin's own
 * message, so absolute paths and secrets in it (and in `details`) are redacted here, whoever builds it.
 */
export class PluginRunError extends ForgeSyteError {
  override readonly name = 'PluginRunError';
  readonly code = 'PLUGIN_ERROR';
  readonly type = 'PluginError';

  constructor(message: string, options?: ForgeSyteErrorOptions) {
    super(redactInternals(message), { ...options, details: options?.details === undefined ? undefined : redactDetails(options.details) });
  }
}
