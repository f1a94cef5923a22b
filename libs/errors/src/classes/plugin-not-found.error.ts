import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';
import { publicPluginName } from '../redaction/public-plugin-name';

/**
 * No plugin is registered under the requested name. The available plugins are listed by name; a
 * plugin registered under its module path (it has no usable name) is listed by the file's name only.
 */
export class PluginNotFoundError extends ForgeSyteError {
  override readonly name = 'PluginNotFoundError';
  readonly code = 'PLUGIN_NOT_FOUND';
  readonly type = 'NotFoundError';

  constructor(plugin: string, available: readonly string[], options?: ForgeSyteErrorOptions) {
    const names = available.map(publicPluginName);
    const list = names.length > 0 ? names.join(', ') : 'none';
    super(`No plugin named '${plugin}' is registered. Available plugins: ${list}.`, {
      ...options,
      plugin,
      details: { available: names },
    });
  }
}
