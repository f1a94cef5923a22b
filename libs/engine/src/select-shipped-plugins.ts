import { unwrapPluginExport } from '@forgesyte/plugin-sdk';
import { type ShippedPlugin, shippedPluginParts } from '@forgesyte/registry';
import { ConfigError } from './config/config.error';

/**
 * The shipped plugins `names` asks for (all of them when undefined), in shipping order. Throws a
 * {@link ConfigError} listing what ships when a name is not a shipped plugin's.
 */
export function selectShippedPlugins(shipped: readonly ShippedPlugin[], names: readonly string[] | undefined): ShippedPlugin[] {
  if (names === undefined) return [...shipped];
  const byName = new Map(shipped.map((entry) => [nameOf(entry), entry]));
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      'FORGESYTE_SHIPPED_PLUGINS',
      `names ${unknown.map((name) => `'${name}'`).join(', ')}, which ForgeSyte does not ship; the shipped plugins are ${[...byName.keys()].join(', ')} (or 'none').`,
    );
  }
  return [...byName].filter(([name]) => names.includes(name)).map(([, entry]) => entry);
}

function nameOf(entry: ShippedPlugin): string {
  const plugin = unwrapPluginExport(shippedPluginParts(entry).exported) as { name?: unknown };
  return String(plugin.name);
}
