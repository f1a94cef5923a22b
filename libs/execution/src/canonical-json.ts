import { createHash } from 'node:crypto';
import { stringifyStorable } from './store/storable-json';

/**
 * SHA-256 of a value's JSON with object keys sorted: equal for equal requests, whatever the key order.
 * A request too deep to serialize is refused as `REQUEST_INVALID` rather than overflow the stack.
 */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(stringifyStorable(value, 'request', canonicalJson) as string).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null'; // undefined and functions inside arrays become null, as in JSON
}
