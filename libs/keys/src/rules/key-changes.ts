import type { ApiKeyRecord } from '../api-key-record';

/** The fields an audit entry reports, by their names on the wire. */
const AUDITED: ReadonlyArray<readonly [keyof ApiKeyRecord, string]> = [
  ['name', 'name'],
  ['scopes', 'scopes'],
  ['plugins', 'plugins'],
  ['tools', 'tools'],
  ['limits', 'limits'],
  ['expiresAt', 'expires_at'],
];

/** What the audit records of a new key: its settings. */
export function createdFields(record: ApiKeyRecord): Record<string, unknown> {
  return Object.fromEntries(AUDITED.map(([field, wire]) => [wire, record[field]]));
}

/** `{ field: { from, to } }` for each setting that differs, or undefined when none does. */
export function changedFields(was: ApiKeyRecord, now: ApiKeyRecord): Record<string, unknown> | undefined {
  const changes: Record<string, unknown> = {};
  for (const [field, wire] of AUDITED) if (JSON.stringify(was[field]) !== JSON.stringify(now[field])) changes[wire] = { from: was[field], to: now[field] };
  return Object.keys(changes).length === 0 ? undefined : changes;
}
