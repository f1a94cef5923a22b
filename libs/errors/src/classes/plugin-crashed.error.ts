import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';
import { redactDetails, redactInternals } from '../redaction/redact-internals';

/**
 * The tool's worker died (crash, out of memory, `process.exit`) before returning a result. The message
 * may carry the plugin's own error, so absolute paths and secrets in it (and in `details`) are redacted.
 */
export class PluginCrashedError extends ForgeSyteError {
  override readonly name = 'PluginCrashedError';
  readonly code = 'PLUGIN_CRASHED';
  readonly type = 'PluginError';

  constructor(message: string, options?: ForgeSyteErrorOptions) {
    super(redactInternals(message), {
      retryable: true,
      ...options,
      details: options?.details === undefined ? undefined : redactDetails(options.details),
    });
  }
}
