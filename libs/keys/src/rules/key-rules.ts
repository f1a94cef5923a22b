import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';
import type { KeyLimits } from '../api-key-record';
import { KEY_SCOPES, type KeyScope } from '../key-scope';
import type { KeyViolation } from './key-violations';

/** The longest key name, in characters. */
export const MAX_NAME_LENGTH = 100;
/** The most entries of an allow-list. */
export const MAX_ALLOW_LIST = 1_000;
/** The largest per-key limit. */
const MAX_LIMIT = 1_000_000;
/** `plugin.tool`: a plugin name, a dot, a tool name (letters, digits, `_`, `-`, up to 128). */
const TOOL_ENTRY = /^([a-z][a-z0-9-]{0,63})\.([A-Za-z0-9_][A-Za-z0-9_-]{0,127})$/;
const LIMIT_FIELDS: Readonly<Record<string, { readonly wire: string; readonly field: keyof KeyLimits }>> = {
  ratePerMinute: { wire: 'rate_per_minute', field: 'ratePerMinute' },
  maxQueued: { wire: 'max_queued', field: 'maxQueued' },
};

/** Collects the violations of one input; each check returns the normalised value. */
export class KeyRules {
  readonly violations: KeyViolation[] = [];

  constructor(private readonly now: number) {}

  name(value: unknown): string {
    if (typeof value !== 'string') return this.refuse('/name', 'must be a string', '');
    const name = value.trim();
    if (name.length === 0) return this.refuse('/name', 'must not be empty: name the key after who uses it (ci, billing-service)', '');
    if (name.length > MAX_NAME_LENGTH) return this.refuse('/name', `has ${name.length} characters; at most ${MAX_NAME_LENGTH}`, '');
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(name)) return this.refuse('/name', 'must not contain control characters', '');
    return name;
  }

  scopes(value: unknown): KeyScope[] {
    if (!Array.isArray(value)) return this.refuse('/scopes', `must be a list of scopes (${KEY_SCOPES.join(', ')})`, []);
    if (value.length === 0) return this.refuse('/scopes', `must name at least one scope (${KEY_SCOPES.join(', ')})`, []);
    const scopes = new Set<KeyScope>();
    value.forEach((scope: unknown, index) => {
      const known = KEY_SCOPES.find((each) => each === scope);
      if (known === undefined) this.refuse(`/scopes/${index}`, `is '${String(scope).slice(0, 40)}', not a scope; the scopes are ${KEY_SCOPES.join(', ')}`, undefined);
      else scopes.add(known);
    });
    return KEY_SCOPES.filter((scope) => scopes.has(scope));
  }

  /** A plugin allow-list; undefined and null: every plugin. */
  plugins(value: unknown): string[] | null {
    return this.allowList('/plugins', value, 'plugin names', (entry) => (PLUGIN_NAME_PATTERN.test(entry) ? undefined : `must be a plugin name matching ${String(PLUGIN_NAME_PATTERN)}`));
  }

  /** A tool allow-list (`plugin.tool`), each of a plugin the key may call; undefined and null: every tool of those plugins. */
  tools(value: unknown, plugins: readonly string[] | null): string[] | null {
    return this.allowList('/tools', value, "'plugin.tool' entries", (entry) => {
      const match = TOOL_ENTRY.exec(entry);
      if (match === null) return "must be 'plugin.tool', such as 'ocr.extract_text'";
      return plugins === null || plugins.includes(match[1]) ? undefined : `names plugin '${match[1]}', which is not in plugins: add it there, or drop this entry`;
    });
  }

  limits(value: unknown): KeyLimits | null {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'object' || Array.isArray(value)) return this.refuse('/limits', 'must be an object of rate_per_minute and max_queued', null);
    const limits: { ratePerMinute?: number; maxQueued?: number } = {};
    for (const [key, limit] of Object.entries(value)) {
      const known = LIMIT_FIELDS[key];
      if (known === undefined) this.refuse(`/limits/${key.slice(0, 40)}`, 'is not a limit; the limits are rate_per_minute and max_queued', undefined);
      else if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) this.refuse(`/limits/${known.wire}`, `must be a whole number from 1 to ${MAX_LIMIT}`, undefined);
      else limits[known.field] = limit;
    }
    return Object.keys(limits).length === 0 ? null : limits;
  }

  /** An expiry in the future, as ISO 8601; undefined and null: never expires. */
  expiresAt(value: unknown): string | null {
    if (value === undefined || value === null) return null;
    const at = typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) return this.refuse('/expires_at', 'must be an ISO 8601 date and time, such as 2030-01-31T00:00:00Z', null);
    if (at <= this.now) return this.refuse('/expires_at', `is ${new Date(at).toISOString()}, in the past: give a time in the future, or revoke the key instead`, null);
    return new Date(at).toISOString();
  }

  private allowList(path: string, value: unknown, what: string, problem: (entry: string) => string | undefined): string[] | null {
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value)) return this.refuse(path, `must be a list of ${what}`, null);
    if (value.length === 0) return this.refuse(path, `is empty, which would allow nothing: leave it out to allow every one, or list at least one`, null);
    if (value.length > MAX_ALLOW_LIST) return this.refuse(path, `has ${value.length} entries; at most ${MAX_ALLOW_LIST}`, null);
    value.forEach((entry: unknown, index) => {
      const why = typeof entry === 'string' ? problem(entry) : `must be a string`;
      if (why !== undefined) this.refuse(`${path}/${index}`, why, undefined);
    });
    return [...new Set(value as string[])].sort();
  }

  private refuse<T>(path: string, message: string, fallback: T): T {
    this.violations.push({ path, message });
    return fallback;
  }
}
