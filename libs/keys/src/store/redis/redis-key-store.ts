import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { type StoreOperation, StoreUnavailableError } from '@forgesyte/errors';
import {
  connectRedis,
  disconnectRedis,
  redisStoreError,
  resolveRedisJobStoreOptions,
  type RedisJobStoreOptions,
  resubscribeWhenBack,
  subscriberOptions,
} from '@forgesyte/execution';
import type { KeyAuditEntry } from '../../api-key-record';
import { fromKeyRow, toKeyRow } from '../key-row';
import { keyStoreError } from '../key-store-error';
import type { KeyChanges, KeyStore, KeyWrite, NumberedAuditEntry, StoredKey } from '../key-store';
import { fromHash, toHashPairs } from './redis-key-hash';
import { APPEND_AUDIT, SAVE_KEY, TOUCH_KEYS } from './redis-key-scripts';

/** Keys read per pipeline when loading them all. */
const LOAD_BATCH = 1_000;

/**
 * Keys in Redis beside the jobs (layout in `redis-key-scripts.ts`), on a connection with the job
 * store's settings (command timeout, one retry). Every change is one Lua script (compare-and-set on
 * the key's revision, the counter, the audit entry) that publishes the key's id on `<p>apikeys:changed`;
 * {@link watch} subscribes on a second connection. A failed command throws `STORE_UNAVAILABLE`.
 */
export class RedisKeyStore implements KeyStore {
  private readonly logger = new Logger('KeyStore');
  private subscriber: Redis | undefined;
  /** Whether the last command failed for the connection or server: the next failures are not logged again. */
  private failing = false;

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Connects to the Redis at `url` as the job store does; throws, naming the server, when it is unreachable. */
  static async connect(url: string, options: RedisJobStoreOptions = {}): Promise<RedisKeyStore> {
    const settings = resolveRedisJobStoreOptions(options);
    const redis = await connectRedis(url, {
      connectTimeoutMs: settings.connectTimeoutMs,
      redisOptions: { commandTimeout: settings.commandTimeoutMs, maxRetriesPerRequest: 1 },
    });
    return new RedisKeyStore(redis, settings.keyPrefix);
  }

  async loadAll(): Promise<KeyChanges> {
    const revision = await this.revision();
    const ids = await this.command('read', this.redis.zrange(`${this.prefix}apikeys`, 0, -1));
    return { revision, keys: await this.read(ids) };
  }

  async revision(): Promise<number> {
    return Number((await this.command('read', this.redis.get(`${this.prefix}apikeys:revision`))) ?? 0);
  }

  async changesSince(revision: number): Promise<KeyChanges> {
    const now = await this.revision();
    const ids = await this.command('read', this.redis.zrangebyscore(`${this.prefix}apikeys:changes`, `(${revision}`, '+inf'));
    return { revision: now, keys: await this.read(ids) };
  }

  async get(id: string): Promise<StoredKey | undefined> {
    const [key] = await this.read([id]);
    return key;
  }

  async list(limit: number, afterId?: string): Promise<StoredKey[]> {
    const ids = await this.command('read', this.redis.zrangebylex(`${this.prefix}apikeys`, afterId === undefined ? '-' : `(${afterId}`, '+', 'LIMIT', 0, limit));
    return this.read(ids);
  }

  async save(key: KeyWrite, expected: number | null, audit: KeyAuditEntry): Promise<StoredKey | undefined> {
    const pairs = toHashPairs(toKeyRow(key, 0));
    const args = [this.prefix, key.record.id, expected === null ? '' : String(expected), JSON.stringify(audit), ...pairs];
    const revision = await this.command('write', this.redis.eval(SAVE_KEY, 0, ...args));
    if (revision === null) return undefined;
    return this.get(key.record.id);
  }

  async touch(uses: ReadonlyMap<string, number>): Promise<void> {
    if (uses.size === 0) return;
    const args = [this.prefix, ...[...uses].flatMap(([id, at]) => [id, String(at)])];
    await this.command('write', this.redis.eval(TOUCH_KEYS, 0, ...args));
  }

  async appendAudit(entry: KeyAuditEntry): Promise<void> {
    await this.command('write', this.redis.eval(APPEND_AUDIT, 0, this.prefix, JSON.stringify(entry)));
  }

  async audit(limit: number, beforeSeq?: number): Promise<NumberedAuditEntry[]> {
    const max = beforeSeq === undefined ? '+inf' : `(${beforeSeq}`;
    const members = await this.command('read', this.redis.zrevrangebyscore(`${this.prefix}apikeys:audit`, max, '-inf', 'LIMIT', 0, limit));
    return members.map((member) => {
      const bar = member.indexOf('|');
      return { seq: Number(member.slice(0, bar)), entry: JSON.parse(member.slice(bar + 1)) as KeyAuditEntry };
    });
  }

  /**
   * Subscribes, on a connection of its own, to the ids other processes publish as they change keys
   * (again after each reconnect, then calls `listener`: changes meanwhile were not heard).
   */
  watch(listener: () => void): () => void {
    const subscriber = this.redis.duplicate(subscriberOptions('forgesyte-key-changes'));
    const channel = `${this.prefix}apikeys:changed`;
    this.subscriber = subscriber;
    const warn = (error: Error) => this.logger.warn(`key change subscription: ${error.message} (changes are still seen by polling the change counter)`);
    subscriber.on('error', warn);
    subscriber.on('message', () => listener());
    // A failed connect or subscribe (the store closed meanwhile, Redis down) is the 'error' event's to report: polling covers it.
    subscriber
      .connect()
      .then(() => {
        resubscribeWhenBack(subscriber, () => [channel], { onError: warn, onResubscribed: listener });
        return subscriber.subscribe(channel);
      })
      .catch(() => undefined);
    return () => subscriber.disconnect();
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    await disconnectRedis(this.redis);
  }

  private async read(ids: readonly string[]): Promise<StoredKey[]> {
    const keys: StoredKey[] = [];
    for (let start = 0; start < ids.length; start += LOAD_BATCH) {
      const batch = ids.slice(start, start + LOAD_BATCH);
      const pipeline = this.redis.pipeline();
      for (const id of batch) pipeline.hgetall(`${this.prefix}apikey:${id}`);
      const replies = (await this.command('read', pipeline.exec())) ?? [];
      replies.forEach(([error, hash], index) => {
        if (error !== null) throw keyStoreError(redisStoreError('read', undefined, error, this.logger));
        const row = fromHash(batch[index], hash as Record<string, string>);
        if (row !== undefined) keys.push(fromKeyRow(row));
      });
    }
    return keys;
  }

  /**
   * Awaits a command; a failure of the connection or server is thrown as `STORE_UNAVAILABLE`, and logged
   * when it is the first since a command succeeded: every process polls the store several times a
   * second, and an outage logged at each poll buried everything else (four error lines a second).
   */
  private async command<T>(operation: StoreOperation, reply: Promise<T>): Promise<T> {
    try {
      const answered = await reply;
      this.failing = false;
      return answered;
    } catch (error) {
      const failure = redisStoreError(operation, undefined, error, this.failing ? undefined : this.logger);
      if (failure instanceof StoreUnavailableError) this.failing = true;
      throw keyStoreError(failure);
    }
  }
}
