import type { JobOwnerRefusal } from '@forgesyte/errors';
import type { KeyEntry } from '../key-entry';
import type { KeyScope } from '../key-scope';
import { type KeyAllowLists, keyAllows } from './key-allows';

/** Why a stored key may not make a call now, and when it was revoked or expired (ISO 8601). */
export interface KeyCallRefusal {
  readonly reason: JobOwnerRefusal;
  readonly at?: string;
}

/**
 * Why the key of `entry` (allow-lists `lists`) may not make a call of `tool` of `plugin` (or of some
 * tool of it, none named) that needs `scope`, at epoch ms `now`; undefined when it may. The order is
 * the authentication's, then the API's: revoked, expired, the scope, the plugins list, the tools list.
 */
export function keyCallRefusal(entry: KeyEntry, lists: KeyAllowLists, scope: KeyScope, plugin: string, tool: string | undefined, now: number): KeyCallRefusal | undefined {
  if (entry.revoked) return { reason: 'revoked', at: entry.record.revokedAt ?? undefined };
  if (now >= entry.expiresAt) return { reason: 'expired', at: entry.record.expiresAt ?? undefined };
  if (!entry.record.scopes.includes(scope)) return { reason: 'scope' };
  if (keyAllows(lists, plugin, tool)) return undefined;
  return { reason: lists.plugins !== null && !lists.plugins.has(plugin) ? 'plugin' : 'tool' };
}
