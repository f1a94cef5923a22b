import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** No plugin is registered under the requested name. */
export class PluginNotFoundError extends ForgeSyteError {
  override readonly name = 'PluginNotFoundError';
  readonly code = 'PLUGIN_NOT_FOUND';
  readonly type = 'NotFoundError';

  constructor(plugin: string, available: readonly string[], options?: ForgeSyteErrorOptions) {
    const list = available.length > 0 ? available.join(', ') : 'none';
    super(`No plugin named '${plugin}' is registered. Available plugins: ${list}.`, {
      ...options,
      plugin,
      details: { available },
    });
  }
}
