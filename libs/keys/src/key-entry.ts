import type { ApiKeyRecord } from './api-key-record';
import { DUMMY_DIGEST } from './format/presented-key';
import type { StoredKey } from './store/key-store';

/** A key as authentication reads it: every time as epoch ms (never: Infinity), every digest present. */
export interface KeyEntry {
  readonly record: ApiKeyRecord;
  readonly digest: Buffer;
  /** The pre-rotation digest, or a dummy: always compared, so that both paths cost the same. */
  readonly previousDigest: Buffer;
  readonly previousUntil: number;
  readonly expiresAt: number;
  readonly revoked: boolean;
  readonly revision: number;
}

/** The entry of a stored key. */
export function keyEntryOf(key: StoredKey): KeyEntry {
  const { record } = key;
  return {
    record,
    digest: key.digest,
    previousDigest: key.previousDigest ?? DUMMY_DIGEST,
    previousUntil: key.previousDigest === null ? 0 : (key.previousUntil ?? 0),
    expiresAt: record.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(record.expiresAt),
    revoked: record.revokedAt !== null,
    revision: key.revision,
  };
}

/** What authentication compares against for an id that names no key: the same work as for a wrong secret. */
export const UNKNOWN_KEY_ENTRY: KeyEntry = Object.freeze({
  record: Object.freeze({ id: '', name: '', scopes: [], plugins: null, tools: null, limits: null, createdAt: '', lastUsedAt: null, expiresAt: null, revokedAt: null }),
  digest: DUMMY_DIGEST,
  previousDigest: DUMMY_DIGEST,
  previousUntil: 0,
  expiresAt: 0,
  revoked: true,
  revision: 0,
});
