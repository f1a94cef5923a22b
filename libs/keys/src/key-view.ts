import { Logger } from '@nestjs/common';
import { errorMessageOf } from '@forgesyte/errors';
import type { ApiKeyRecord, KeyAuditEntry } from './api-key-record';
import { digestSecret, digestsMatch, parsePresentedKey } from './format/presented-key';
import { type KeyEntry, keyEntryOf, UNKNOWN_KEY_ENTRY } from './key-entry';
import type { KeyChanges, KeyStore, StoredKey } from './store/key-store';

/** The timings of a {@link KeyView}, in ms. */
export interface KeyViewTimings {
  readonly pollIntervalMs: number;
  readonly flushIntervalMs: number;
  readonly refusedAuditIntervalMs: number;
}

/**
 * This process's copy of every stored key, by id, which authentication reads without a store round
 * trip. Kept fresh from the store: this process's own changes at once, other processes' on the store's
 * change signal (Redis pub/sub) and by polling the store's change counter. Also holds the keys' uses
 * since the last flush, written to the store in the background.
 */
export class KeyView {
  private readonly logger = new Logger('ApiKeyService');
  private readonly entries = new Map<string, KeyEntry>();
  private revision = 0;
  /** Epoch ms of each key's last use not yet written to the store. */
  private uses = new Map<string, number>();
  /** Epoch ms of the last refused-use audit entry of each key. */
  private readonly refusedAudited = new Map<string, number>();
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private failing = false;
  private timers: NodeJS.Timeout[] = [];
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly store: KeyStore,
    private readonly timings: KeyViewTimings,
  ) {}

  /** Loads every key, then keeps the view fresh and flushes uses until {@link stop}. */
  async start(): Promise<void> {
    this.applyAll(await this.store.loadAll());
    this.unwatch = this.store.watch(() => void this.refresh());
    this.timers = [
      setInterval(() => void this.poll(), this.timings.pollIntervalMs).unref(),
      setInterval(() => void this.flush(), this.timings.flushIntervalMs).unref(),
    ];
  }

  /** See `ApiKeyService.authenticate`. */
  authenticate(presented: string): ApiKeyRecord | undefined {
    const parsed = parsePresentedKey(presented);
    if (parsed === undefined) return undefined;
    const known = this.entries.get(parsed.id);
    const entry = known ?? UNKNOWN_KEY_ENTRY;
    const digest = digestSecret(parsed.secret);
    // Both comparisons always run, and against a dummy digest for an unknown id: the time tells nothing.
    const current = digestsMatch(digest, entry.digest);
    const previous = digestsMatch(digest, entry.previousDigest);
    const now = Date.now();
    if (known === undefined || !(current || (previous && now < entry.previousUntil))) return undefined;
    // Revoked is a state, whatever the clocks of the writer and this process say.
    if (entry.revoked) return this.refuse(entry, 'refused-revoked', now);
    if (now >= entry.expiresAt) return this.refuse(entry, 'refused-expired', now);
    this.uses.set(entry.record.id, now);
    return entry.record;
  }

  /** The entry of the stored key `id` as this process last saw it; undefined for an id it knows no key of. */
  entryOf(id: string): KeyEntry | undefined {
    return this.entries.get(id);
  }

  /** A key this process just wrote: seen at once. */
  apply(key: StoredKey): void {
    const entry = this.entries.get(key.record.id);
    if (entry === undefined || entry.revision < key.revision) this.entries.set(key.record.id, keyEntryOf(key));
  }

  /** `record` with the last use this process saw and did not flush yet, when later than the stored one. */
  withPendingUse(record: ApiKeyRecord): ApiKeyRecord {
    const used = this.uses.get(record.id);
    if (used === undefined || (record.lastUsedAt !== null && Date.parse(record.lastUsedAt) >= used)) return record;
    return { ...record, lastUsedAt: new Date(used).toISOString() };
  }

  /**
   * Reads the keys changed since the view's revision (one read at a time; a signal meanwhile reads again
   * after it). Never rejects: a failure is logged, and the keys as last read stay in use.
   */
  async refresh(): Promise<void> {
    if (this.refreshing !== undefined) {
      this.refreshAgain = true;
      // The call that started the read reports its failure.
      return this.refreshing.catch(() => undefined);
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        this.applyAll(await this.store.changesSince(this.revision));
      } while (this.refreshAgain);
    })();
    try {
      await this.refreshing;
      this.recovered();
    } catch (error) {
      this.failed('reading changed keys', error);
    } finally {
      this.refreshing = undefined;
    }
  }

  /** Writes the uses seen since the last flush; on failure they are kept for the next one. */
  async flush(): Promise<void> {
    if (this.uses.size === 0) return;
    const batch = this.uses;
    this.uses = new Map();
    try {
      await this.store.touch(batch);
    } catch (error) {
      for (const [id, at] of batch) if ((this.uses.get(id) ?? 0) < at) this.uses.set(id, at);
      this.logger.warn(`could not write when ${batch.size} API keys were last used (${errorMessageOf(error)}); trying again in ${this.timings.flushIntervalMs} ms`);
    }
  }

  /** Stops watching and polling, and flushes the last uses. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.unwatch?.();
    await this.refreshing?.catch(() => undefined);
    await this.flush();
  }

  private async poll(): Promise<void> {
    try {
      if ((await this.store.revision()) > this.revision) await this.refresh();
      else this.recovered();
    } catch (error) {
      this.failed('polling for changed keys', error);
    }
  }

  private applyAll(changes: KeyChanges): void {
    for (const key of changes.keys) this.apply(key);
    if (changes.revision > this.revision) this.revision = changes.revision;
  }

  /** Refuses a revoked or expired key, writing at most one audit entry per key per interval. */
  private refuse(entry: KeyEntry, action: 'refused-revoked' | 'refused-expired', now: number): undefined {
    const id = entry.record.id;
    const last = this.refusedAudited.get(id);
    if (last !== undefined && now - last < this.timings.refusedAuditIntervalMs) return undefined;
    this.refusedAudited.set(id, now);
    const audit: KeyAuditEntry = { at: new Date(now).toISOString(), actor: id, action, keyId: id };
    this.store.appendAudit(audit).catch((error: unknown) => this.logger.warn(`could not audit a ${action} use of API key ${id}: ${errorMessageOf(error)}`));
    return undefined;
  }

  /** Logs the first failure of a series only: the store is polled several times a second. */
  private failed(what: string, error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(`${what} failed (${errorMessageOf(error)}): authentication goes on with the keys as last read, and retries every ${this.timings.pollIntervalMs} ms`);
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('the key store answers again: key changes are seen again');
  }
}
