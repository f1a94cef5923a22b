import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';
import type { KeyLimits } from '../api-key-record';
import { KEY_SCOPES, type KeyScope } from '../key-scope';
import type { KeyViolation } from './key-violations';

// The rules of a key's fields: the one source of them, for the service and for the API's request checks.

/** The longest key name, in characters (Unicode code points, as {@link keyNameLength} counts them). */
export const MAX_NAME_LENGTH = 100;
/** The most entries of an allow-list. */
export const MAX_ALLOW_LIST = 1_000;
/** The largest per-key limit. */
export const MAX_LIMIT = 1_000_000;
/** How a tool is named in an allow-list entry: letters, digits, `_` and `-`, up to 128. */
const TOOL_NAME = '[A-Za-z0-9_][A-Za-z0-9_-]{0,127}';
/** `plugin.tool`: a plugin name ({@link PLUGIN_NAME_PATTERN}), a dot, a tool name. */
export const TOOL_ENTRY_PATTERN = new RegExp(`^(${PLUGIN_NAME_PATTERN.source.replace(/^\^|\$$/g, '')})\\.(${TOOL_NAME})$`);
/** Characters a name must not hold: control characters, and format characters (bidi overrides such as U+202E, zero-width ones) that make a name read other than it is. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}]/u;
const LIMIT_FIELDS: Readonly<Record<string, { readonly wire: string; readonly field: keyof KeyLimits }>> = {
  ratePerMinute: { wire: 'rate_per_minute', field: 'ratePerMinute' },
  maxQueued: { wire: 'max_queued', field: 'maxQueued' },
};

/** The length of a key name as its rules count it: in Unicode code points (an emoji is one character). */
export function keyNameLength(name: string): number {
  return [...name].length;
}

/** What is wrong with a key name (before its surrounding spaces are trimmed), or undefined when nothing is. */
export function keyNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  const name = value.trim();
  if (name.length === 0) return 'must not be empty: name the key after who uses it (ci, billing-service)';
  const length = keyNameLength(name);
  if (length > MAX_NAME_LENGTH) return `has ${length} characters; at most ${MAX_NAME_LENGTH}`;
  if (HIDDEN_CHARACTERS.test(name)) return 'must not contain control or invisible format characters (such as U+202E, which shows text reversed)';
  return undefined;
}

/** Collects the violations of one input; each check returns the normalised value. */
export class KeyRules {
  readonly violations: KeyViolation[] = [];

  constructor(private readonly now: number) {}

  name(value: unknown): string {
    const problem = keyNameProblem(value);
    return problem === undefined ? (value as string).trim() : this.refuse('/name', problem, '');
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
      const match = TOOL_ENTRY_PATTERN.exec(entry);
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
