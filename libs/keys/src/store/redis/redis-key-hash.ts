import type { KeyRow } from '../key-row';

/** Field/value pairs of a row for the save script; '' stands for null. `last_used_at` is left out: only touches write it. */
export function toHashPairs(row: KeyRow): string[] {
  return [
    ['name', row.name],
    ['scopes', row.scopes],
    ['plugins', row.plugins ?? ''],
    ['tools', row.tools ?? ''],
    ['limits', row.limits ?? ''],
    ['created_at', String(row.created_at)],
    ['expires_at', numberOrEmpty(row.expires_at)],
    ['revoked_at', numberOrEmpty(row.revoked_at)],
    ['digest', row.digest.toString('hex')],
    ['previous_digest', row.previous_digest?.toString('hex') ?? ''],
    ['previous_until', numberOrEmpty(row.previous_until)],
  ].flat();
}

/** The row of a key's hash (HGETALL), or undefined for an empty reply (no such key). */
export function fromHash(id: string, hash: Readonly<Record<string, string>>): KeyRow | undefined {
  if (hash.revision === undefined) return undefined;
  return {
    id,
    name: hash.name,
    scopes: hash.scopes,
    plugins: hash.plugins ?? null,
    tools: hash.tools ?? null,
    limits: hash.limits ?? null,
    created_at: Number(hash.created_at),
    last_used_at: numberOrNull(hash.last_used_at),
    expires_at: numberOrNull(hash.expires_at),
    revoked_at: numberOrNull(hash.revoked_at),
    digest: Buffer.from(hash.digest, 'hex'),
    previous_digest: hash.previous_digest === undefined ? null : Buffer.from(hash.previous_digest, 'hex'),
    previous_until: numberOrNull(hash.previous_until),
    revision: Number(hash.revision),
  };
}

function numberOrEmpty(value: number | null): string {
  return value === null ? '' : String(value);
}

function numberOrNull(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}
