import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';
import { publicPluginName } from '../redaction/public-plugin-name';
import { redactInternals } from '../redaction/redact-internals';

/**
 * The plugin is registered but cannot run: it failed to load, to initialise, or its schemas are invalid.
 * The reason (often an import error) has its absolute paths and secrets redacted.
 */
export class PluginUnavailableError extends ForgeSyteError {
  override readonly name = 'PluginUnavailableError';
  readonly code = 'PLUGIN_UNAVAILABLE';
  readonly type = 'PluginError';

  constructor(plugin: string, reason: string, options?: ForgeSyteErrorOptions) {
    const shown = publicPluginName(plugin);
    const publicReason = redactInternals(reason);
    super(`Plugin '${shown}' is unavailable: ${publicReason}. An operator must fix the plugin and restart the server.`, {
      ...options,
      plugin: shown,
      details: { reason: publicReason },
    });
  }
}
