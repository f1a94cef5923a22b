import { publicPluginName, redactSecrets } from '@forgesyte/errors';
import type { PluginSnapshot } from '@forgesyte/registry';
import type { Principal } from '../auth/api-key-ring';

/** What a non-admin key is told about why a plugin cannot run. */
export const HIDDEN_REASON =
  'The plugin cannot run. An administrator can see why in GET /v1/plugins with the admin key, or in the server log.';

/**
 * A plugin as `viewer` may see it. A reason can hold an import error with the server's paths and
 * whatever else the plugin put in its message: the admin key (the operator) sees it with secrets
 * (`token=…`, `password=…`) redacted and paths kept; any other key sees a generic reason, and a plugin
 * registered under its module path (it has no usable name) by the file's name only.
 */
export function asSeenBy(viewer: Pick<Principal, 'isAdmin'>, plugin: PluginSnapshot): PluginSnapshot {
  if (viewer.isAdmin) return plugin.reason === null ? plugin : { ...plugin, reason: redactSecrets(plugin.reason) };
  return { ...plugin, name: publicPluginName(plugin.name), reason: plugin.reason === null ? null : HIDDEN_REASON };
}
