import { publicPluginName } from '@forgesyte/errors';
import type { PluginRegistry, PluginSnapshot } from '@forgesyte/registry';

/**
 * The plugin a URL names: by its registry name, else by the name non-admin keys are shown for a
 * plugin registered under its module path (its file's name). Throws `PLUGIN_NOT_FOUND`.
 */
export function findPlugin(registry: PluginRegistry, name: string): PluginSnapshot {
  if (registry.has(name)) return registry.snapshot(name);
  const byPublicName = registry.names().find((key) => publicPluginName(key) === name);
  return registry.snapshot(byPublicName ?? name);
}
