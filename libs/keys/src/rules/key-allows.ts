import type { ApiKeyRecord } from '../api-key-record';

/** A key's allow-lists as sets, as call checks read them (the API's principal of a key holds them so). */
export interface KeyAllowLists {
  /** The plugins the key may call; null: every plugin. */
  readonly plugins: ReadonlySet<string> | null;
  /** `plugin.tool` entries the key may call; null: every tool of the plugins it may call. */
  readonly tools: ReadonlySet<string> | null;
}

/** The allow-lists of a record, as sets (made once per record by their reader: not per call). */
export function allowListsOf(record: Pick<ApiKeyRecord, 'plugins' | 'tools'>): KeyAllowLists {
  return { plugins: record.plugins === null ? null : new Set(record.plugins), tools: record.tools === null ? null : new Set(record.tools) };
}

/**
 * Whether a key's allow-lists let it call `tool` of `plugin`, or, with no tool named, some tool of
 * `plugin`: `plugins` null allows every plugin; `tools` null allows every tool of the allowed plugins,
 * else only its `plugin.tool` entries. Two set lookups for a named tool.
 */
export function keyAllows(lists: KeyAllowLists, plugin: string, tool?: string): boolean {
  if (lists.plugins !== null && !lists.plugins.has(plugin)) return false;
  if (lists.tools === null) return true;
  if (tool !== undefined) return lists.tools.has(`${plugin}.${tool}`);
  const prefix = `${plugin}.`;
  for (const entry of lists.tools) if (entry.startsWith(prefix)) return true;
  return false;
}
