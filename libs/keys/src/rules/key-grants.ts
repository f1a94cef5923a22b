import { GrantForbiddenError } from '@forgesyte/errors';
import type { KeyGrants } from '../api-key-record';

/** What a key has beyond another's grants, in words and as error details. */
interface Excess {
  readonly what: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * What `key` may do that `grantor` may not, or undefined when its scopes are among the grantor's and
 * its allow-lists inside the grantor's. Deliberately strict: a grantor with an allow-list grants only
 * keys with one within it (a key without one could call every plugin or tool).
 */
function excessOf(grantor: KeyGrants, key: KeyGrants): Excess | undefined {
  const scope = key.scopes.find((each) => !grantor.scopes.includes(each));
  if (scope !== undefined) return { what: `the '${scope}' scope`, details: { required_scope: scope } };
  if (grantor.plugins !== null) {
    if (key.plugins === null) return { what: 'every plugin (no plugins allow-list)', details: { plugins: null } };
    const plugin = key.plugins.find((each) => !(grantor.plugins as readonly string[]).includes(each));
    if (plugin !== undefined) return { what: `plugin '${plugin}'`, details: { plugin } };
  }
  if (grantor.tools !== null) {
    if (key.tools === null) return { what: 'every tool of its plugins (no tools allow-list)', details: { tools: null } };
    const tool = key.tools.find((each) => !(grantor.tools as readonly string[]).includes(each));
    if (tool !== undefined) return { what: `tool '${tool}'`, details: { tool } };
  }
  return undefined;
}

/** Throws `FORBIDDEN` when `grantor` (undefined: an admin, who may grant anything) may not grant a key with `key`'s scopes and allow-lists. */
export function assertMayGrant(grantor: KeyGrants | undefined, key: KeyGrants): void {
  const excess = grantor === undefined ? undefined : excessOf(grantor, key);
  if (excess !== undefined) throw new GrantForbiddenError(`grant ${excess.what}: it is beyond its own scopes and allow-lists`, excess.details);
}

/** Throws `FORBIDDEN` when `grantor` may not `action` the key `target`: one with more than it has itself. */
export function assertMayManage(grantor: KeyGrants | undefined, target: KeyGrants & { readonly id: string }, action: string): void {
  const excess = grantor === undefined ? undefined : excessOf(grantor, target);
  if (excess !== undefined) throw new GrantForbiddenError(`${action} key '${target.id}', which has ${excess.what}, beyond its own scopes and allow-lists`, { key_id: target.id, ...excess.details });
}
