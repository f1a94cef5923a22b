import type { ApiKeyRecord, CreatedKey, KeyAuditEntry, KeyLimits, KeyPage } from '@forgesyte/keys';
import type { AuditEntryResponse, AuditPageResponse } from './dto/audit.response';
import type { CreatedKeyResponse, KeyLimitsResponse, KeyPageResponse, KeyResponse } from './dto/key.response';

/** A stored key on the wire (snake_case), without its secret (the record holds none). */
export function presentKey(record: ApiKeyRecord): KeyResponse {
  return {
    id: record.id,
    name: record.name,
    scopes: [...record.scopes],
    plugins: record.plugins === null ? null : [...record.plugins],
    tools: record.tools === null ? null : [...record.tools],
    limits: record.limits === null ? null : presentLimits(record.limits),
    created_at: record.createdAt,
    last_used_at: record.lastUsedAt,
    expires_at: record.expiresAt,
    revoked_at: record.revokedAt,
  };
}

/** A key just created or rotated: the record and, this once, the key itself. */
export function presentCreatedKey({ record, key }: CreatedKey): CreatedKeyResponse {
  return { ...presentKey(record), key };
}

/** A page of keys. */
export function presentKeyPage(page: KeyPage<ApiKeyRecord>): KeyPageResponse {
  return { keys: page.items.map(presentKey), count: page.items.length, next_cursor: page.nextCursor };
}

/** A page of the key audit. */
export function presentAuditPage(page: KeyPage<KeyAuditEntry>): AuditPageResponse {
  return { entries: page.items.map(presentAuditEntry), count: page.items.length, next_cursor: page.nextCursor };
}

function presentAuditEntry(entry: KeyAuditEntry): AuditEntryResponse {
  const json: AuditEntryResponse = { at: entry.at, actor: entry.actor, action: entry.action, key_id: entry.keyId };
  return entry.changes === undefined ? json : { ...json, changes: entry.changes };
}

function presentLimits(limits: KeyLimits): KeyLimitsResponse {
  return {
    ...(limits.ratePerMinute === undefined ? {} : { rate_per_minute: limits.ratePerMinute }),
    ...(limits.maxQueued === undefined ? {} : { max_queued: limits.maxQueued }),
  };
}
