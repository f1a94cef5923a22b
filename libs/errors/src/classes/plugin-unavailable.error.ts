import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** The plugin is registered but cannot run: it failed to load, to initialise, or its schemas are invalid. */
export class PluginUnavailableError extends ForgeSyteError {
  override readonly name = 'PluginUnavailableError';
  readonly code = 'PLUGIN_UNAVAILABLE';
  readonly type = 'PluginError';

  constructor(plugin: string, reason: string, options?: ForgeSyteErrorOptions) {
    super(`Plugin '${plugin}' is unavailable: ${reason}. An operator must fix the plugin and restart the server.`, {
      ...options,
      plugin,
      details: { reason },
    });
  }
}
