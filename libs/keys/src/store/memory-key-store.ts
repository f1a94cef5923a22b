import type { KeyAuditEntry } from '../api-key-record';
import type { KeyChanges, KeyStore, KeyWrite, NumberedAuditEntry, StoredKey } from './key-store';

/**
 * Keys in this process's memory (the `memory` job store's companion: tests, throwaway runs). Changes
 * are seen at once by every service on the same store object.
 */
export class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, StoredKey>();
  /** Ids in order, for listings by id cursor. */
  private readonly ids: string[] = [];
  private readonly entries: NumberedAuditEntry[] = [];
  /** Saved versions by revision, what {@link changesSince} reads from its end; superseded ones are dropped once they are half of it. */
  private readonly versions: StoredKey[] = [];
  private readonly listeners = new Set<() => void>();
  private counter = 0;

  loadAll(): Promise<KeyChanges> {
    return Promise.resolve({ keys: [...this.keys.values()], revision: this.counter });
  }

  revision(): Promise<number> {
    return Promise.resolve(this.counter);
  }

  changesSince(revision: number): Promise<KeyChanges> {
    let start = this.versions.length;
    while (start > 0 && this.versions[start - 1].revision > revision) start -= 1;
    return Promise.resolve({ keys: this.versions.slice(start), revision: this.counter });
  }

  get(id: string): Promise<StoredKey | undefined> {
    return Promise.resolve(this.keys.get(id));
  }

  list(limit: number, afterId?: string): Promise<StoredKey[]> {
    const start = afterId === undefined ? 0 : upperBound(this.ids, afterId);
    return Promise.resolve(this.ids.slice(start, start + limit).map((id) => this.keys.get(id) as StoredKey));
  }

  save(key: KeyWrite, expected: number | null, audit: KeyAuditEntry): Promise<StoredKey | undefined> {
    const current = this.keys.get(key.record.id);
    if ((current?.revision ?? null) !== expected) return Promise.resolve(undefined);
    this.counter += 1;
    const saved: StoredKey = { ...key, record: { ...key.record, lastUsedAt: current?.record.lastUsedAt ?? null }, revision: this.counter };
    if (current === undefined) this.ids.splice(upperBound(this.ids, key.record.id), 0, key.record.id);
    this.keys.set(key.record.id, saved);
    this.versions.push(saved);
    if (this.versions.length > 2 * this.keys.size + 16) this.compact();
    this.push(audit);
    for (const listener of this.listeners) listener();
    return Promise.resolve(saved);
  }

  touch(uses: ReadonlyMap<string, number>): Promise<void> {
    for (const [id, at] of uses) {
      const key = this.keys.get(id);
      if (key === undefined) continue;
      const last = key.record.lastUsedAt === null ? 0 : Date.parse(key.record.lastUsedAt);
      if (at > last) this.keys.set(id, { ...key, record: { ...key.record, lastUsedAt: new Date(at).toISOString() } });
    }
    return Promise.resolve();
  }

  appendAudit(entry: KeyAuditEntry): Promise<void> {
    this.push(entry);
    return Promise.resolve();
  }

  audit(limit: number, beforeSeq?: number): Promise<NumberedAuditEntry[]> {
    const end = beforeSeq === undefined ? this.entries.length : Math.max(0, Math.min(this.entries.length, beforeSeq - 1));
    return Promise.resolve(this.entries.slice(Math.max(0, end - limit), end).reverse());
  }

  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }

  /** Drops the superseded versions, keeping the current ones in revision order. */
  private compact(): void {
    const current = this.versions.filter((version) => this.keys.get(version.record.id)?.revision === version.revision);
    this.versions.splice(0, this.versions.length, ...current);
  }

  private push(entry: KeyAuditEntry): void {
    this.entries.push({ seq: this.entries.length + 1, entry });
  }
}

/** The index of the first id in the sorted `ids` greater than `id`. */
function upperBound(ids: readonly string[], id: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle] <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}
