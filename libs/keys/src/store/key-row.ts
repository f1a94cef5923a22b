import type { ApiKeyRecord, KeyAuditEntry, KeyLimits } from '../api-key-record';
import type { KeyScope } from '../key-scope';
import type { KeyWrite, StoredKey } from './key-store';

/** A key as the SQLite table and the Redis hash hold it: epoch ms times, JSON lists, digests as bytes. */
export interface KeyRow {
  readonly id: string;
  readonly name: string;
  readonly scopes: string;
  readonly plugins: string | null;
  readonly tools: string | null;
  readonly limits: string | null;
  readonly created_at: number;
  readonly last_used_at: number | null;
  readonly expires_at: number | null;
  readonly revoked_at: number | null;
  readonly digest: Buffer;
  readonly previous_digest: Buffer | null;
  readonly previous_until: number | null;
  readonly revision: number;
}

/** The row of `key` (its `last_used_at` is the store's business: {@link KeyStore.touch}). */
export function toKeyRow(key: KeyWrite, revision: number): KeyRow {
  const { record } = key;
  return {
    id: record.id,
    name: record.name,
    scopes: JSON.stringify(record.scopes),
    plugins: jsonOrNull(record.plugins),
    tools: jsonOrNull(record.tools),
    limits: jsonOrNull(record.limits),
    created_at: Date.parse(record.createdAt),
    last_used_at: msOrNull(record.lastUsedAt),
    expires_at: msOrNull(record.expiresAt),
    revoked_at: msOrNull(record.revokedAt),
    digest: key.digest,
    previous_digest: key.previousDigest,
    previous_until: key.previousUntil,
    revision,
  };
}

/** The stored key of a row. */
export function fromKeyRow(row: KeyRow): StoredKey {
  const record: ApiKeyRecord = {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as KeyScope[],
    plugins: row.plugins === null ? null : (JSON.parse(row.plugins) as string[]),
    tools: row.tools === null ? null : (JSON.parse(row.tools) as string[]),
    limits: row.limits === null ? null : (JSON.parse(row.limits) as KeyLimits),
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: isoOrNull(row.last_used_at),
    expiresAt: isoOrNull(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
  return { record, digest: row.digest, previousDigest: row.previous_digest, previousUntil: row.previous_until, revision: row.revision };
}

/** An audit entry as stored: `changes` as JSON text, the time as epoch ms. */
export interface AuditRow {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly key_id: string;
  readonly changes: string | null;
}

export function toAuditRow(entry: KeyAuditEntry): AuditRow {
  return { at: Date.parse(entry.at), actor: entry.actor, action: entry.action, key_id: entry.keyId, changes: entry.changes === undefined ? null : JSON.stringify(entry.changes) };
}

export function fromAuditRow(row: AuditRow): KeyAuditEntry {
  const entry = { at: new Date(row.at).toISOString(), actor: row.actor, action: row.action as KeyAuditEntry['action'], keyId: row.key_id };
  return row.changes === null ? entry : { ...entry, changes: JSON.parse(row.changes) as Record<string, unknown> };
}

function jsonOrNull(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

function msOrNull(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
