import type { ApiKeyRecord } from '../api-key-record';

/**
 * Whether a key's allow-lists let it call `plugin` (and `tool`, when named): `plugins` null allows
 * every plugin; `tools` null allows every tool of the allowed plugins, else only its `plugin.tool` entries.
 */
export function keyAllows(record: Pick<ApiKeyRecord, 'plugins' | 'tools'>, plugin: string, tool?: string): boolean {
  if (record.plugins !== null && !record.plugins.includes(plugin)) return false;
  if (record.tools === null || tool === undefined) return record.tools === null || record.tools.some((entry) => entry.startsWith(`${plugin}.`));
  return record.tools.includes(`${plugin}.${tool}`);
}
