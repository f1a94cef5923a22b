import type { ApiKeyRecord, KeyAuditEntry } from '../api-key-record';

/** A stored key: its record, the digest of its secret, and the digest a rotation left valid for a while. */
export interface StoredKey {
  readonly record: ApiKeyRecord;
  readonly digest: Buffer;
  /** The digest of the secret before the last rotation, accepted until {@link previousUntil}. */
  readonly previousDigest: Buffer | null;
  /** Epoch ms. */
  readonly previousUntil: number | null;
  /** The store's change counter when this key last changed: a newer revision replaces an older one. */
  readonly revision: number;
}

/** What {@link KeyStore.save} writes: the key without its revision, which the store assigns. */
export type KeyWrite = Omit<StoredKey, 'revision'>;

/** Keys changed since a revision, and the revision they bring their reader to. */
export interface KeyChanges {
  readonly keys: StoredKey[];
  readonly revision: number;
}

/** An audit entry with its place in the audit (its cursor). */
export interface NumberedAuditEntry {
  readonly seq: number;
  readonly entry: KeyAuditEntry;
}

/**
 * Where API keys live: the job store's database (a SQLite file, Redis) or memory. Every change of a key
 * bumps one change counter (the revision) and writes its audit entry in the same transaction, so a
 * process that saw revision N reads exactly the keys changed after it. A failure of the file, the disk
 * or Redis throws `STORE_UNAVAILABLE`.
 */
export interface KeyStore {
  /** Every stored key, and the revision they reflect. */
  loadAll(): Promise<KeyChanges>;
  /** The store's change counter now: cheap, polled. */
  revision(): Promise<number>;
  /** The keys changed after `revision`. */
  changesSince(revision: number): Promise<KeyChanges>;
  get(id: string): Promise<StoredKey | undefined>;
  /** Up to `limit` keys with ids after `afterId`, by id. */
  list(limit: number, afterId?: string): Promise<StoredKey[]>;
  /**
   * Writes `key` and appends `audit`, atomically, if the key's stored revision is still `expected`
   * (null: the key must not exist yet). Undefined, and nothing written, when it is not. Never changes
   * `lastUsedAt` (only {@link touch} does).
   */
  save(key: KeyWrite, expected: number | null, audit: KeyAuditEntry): Promise<StoredKey | undefined>;
  /** Moves each key's `lastUsedAt` forward to the epoch ms given (never back); does not bump the revision. */
  touch(uses: ReadonlyMap<string, number>): Promise<void>;
  appendAudit(entry: KeyAuditEntry): Promise<void>;
  /** Up to `limit` audit entries before `beforeSeq`, newest first. */
  audit(limit: number, beforeSeq?: number): Promise<NumberedAuditEntry[]>;
  /** Calls `listener` when another process may have changed a key (Redis: pub/sub); returns how to stop. Polling {@link revision} covers the rest. */
  watch(listener: () => void): () => void;
  close(): Promise<void>;
}
