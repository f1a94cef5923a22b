import type { ApiKeyRecord, KeyAuditEntry } from '../api-key-record';
import { digestSecret, newKeyId } from '../format/presented-key';
import type { KeyWrite } from '../store/key-store';

/** A key to save, with a fresh id unless given, and `overrides` on its record. */
export function keyWrite(overrides: Partial<ApiKeyRecord> = {}, secret = 'secret'): KeyWrite {
  const record: ApiKeyRecord = {
    id: newKeyId(),
    name: 'ci',
    scopes: ['analyze'],
    plugins: null,
    tools: null,
    limits: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
    ...overrides,
  };
  return { record, digest: digestSecret(secret), previousDigest: null, previousUntil: null };
}

/** An audit entry of `keyId`. */
export function auditOf(keyId: string, action: KeyAuditEntry['action'] = 'created'): KeyAuditEntry {
  return { at: '2026-01-01T00:00:00.000Z', actor: 'key_test (FORGESYTE_ADMIN_KEY)', action, keyId, changes: { name: 'ci' } };
}
