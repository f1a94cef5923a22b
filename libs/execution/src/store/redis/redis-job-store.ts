import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { errorMessageOf, type StoreOperation } from '@forgesyte/errors';
import { connectRedis, disconnectRedis } from '../../redis/connect-redis';
import type { Job, JobProgress, JobUpdate } from '../../jobs/job';
import { ALLOWED_TRANSITIONS, JOB_STATUSES, type JobStatus, TERMINAL_STATUSES } from '../../jobs/job-status';
import { disallowedTransition } from '../disallowed-transition';
import { decodeJobCursor, encodeJobCursor } from '../job-cursor';
import { fromJobRecord, toJobRecord, toRecordUpdate } from '../job-record';
import { checkJobRetention, type JobRetention, type PrunableJobStore } from '../job-retention';
import type { JobPage, JobQuery } from '../job-store';
import { STORE_TAKES_WRITES, type StoreProbe } from '../store-probe';
import { emptiedFields, fromHashFields, hashListReply, hashReply, toHashFields } from './redis-job-hash';
import { REDIS_JOB_SCRIPTS } from './redis-job-scripts';
import { resolveRedisJobStoreOptions, type RedisJobStoreOptions } from './redis-job-store.options';
import { redisStoreError } from './redis-store-error';

/**
 * Jobs in Redis (ioredis), shared by every API and worker process on any machine. Each operation that
 * reads and writes is one Lua script, so it runs alone on the server: a status change is a
 * compare-and-set that also moves the job between the listing indexes. The key layout is described
 * in `redis-job-scripts.ts`. Finished jobs stay until {@link prune} deletes them.
 *
 * Every command fails within `commandTimeoutMs` when Redis is hung or down, as `STORE_UNAVAILABLE`,
 * logged with the job's id. A dropped connection is absorbed: a command waits for one reconnection
 * (bounded by the timeout), and fails at the second attempt, so a server that is gone answers fast.
 * As with any timeout, a command that timed out may still have run (a retried submission is safe
 * with an Idempotency-Key).
 */
export class RedisJobStore implements PrunableJobStore {
  private readonly logger = new Logger('JobStore');
  private closed = false;

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly pruneBatchSize: number,
  ) {}

  /**
   * Connects to the Redis server at `url` (such as `redis://127.0.0.1:6379`), and caches the store's
   * scripts there. Throws, naming the server (without its password), when it cannot be reached.
   * Once connected, ioredis reconnects by itself; see the class comment for how commands fail meanwhile.
   */
  static async connect(url: string, options: RedisJobStoreOptions = {}): Promise<RedisJobStore> {
    const settings = resolveRedisJobStoreOptions(options);
    const redis = await connectRedis(url, {
      connectTimeoutMs: settings.connectTimeoutMs,
      // BullMQ's Queue shares this connection, which it allows for producers (not for Workers).
      redisOptions: { commandTimeout: settings.commandTimeoutMs, maxRetriesPerRequest: 1 },
    });
    try {
      for (const script of Object.values(REDIS_JOB_SCRIPTS)) await script.load(redis);
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    return new RedisJobStore(redis, settings.keyPrefix, settings.pruneBatchSize);
  }

  /**
   * The store's connection. A command sent on it after {@link insert} was called runs after that
   * insert (the job queue adds the job's id right behind it, so that both take one round trip).
   */
  get connection(): Redis {
    return this.redis;
  }

  /** See {@link JobStore.insert}. The command is sent before this returns (see {@link connection}). */
  async insert(job: Job): Promise<Job> {
    const record = toJobRecord(job);
    const finishedAt = TERMINAL_STATUSES.has(job.status) ? (record.completed_at ?? Date.now()) : null;
    const args = [this.prefix, job.id, job.owner, job.plugin, job.status, optional(job.idempotencyKey), optional(finishedAt), ...toHashFields(record)];
    const earlier = hashReply(await this.command('write', job.id, REDIS_JOB_SCRIPTS.insert.runInOrder(this.redis, args)));
    return earlier === undefined ? job : fromJobRecord(fromHashFields(earlier));
  }

  async get(id: string): Promise<Job | undefined> {
    const hash = await this.command('read', id, this.redis.hgetall(`${this.prefix}job:${id}`));
    return Object.keys(hash).length === 0 ? undefined : fromJobRecord(fromHashFields(Object.entries(hash).flat()));
  }

  async findByIdempotencyKey(owner: string, idempotencyKey: string): Promise<Job | undefined> {
    const hash = hashReply(await this.runScript('read', undefined, 'findByIdempotencyKey', owner, idempotencyKey));
    return hash === undefined ? undefined : fromJobRecord(fromHashFields(hash));
  }

  async transition(id: string, from: readonly JobStatus[], to: JobStatus, update: JobUpdate = {}): Promise<Job | undefined> {
    const allowedFrom = from.filter((status) => ALLOWED_TRANSITIONS[status].includes(to));
    const changes = toRecordUpdate(update);
    const set = toHashFields(changes);
    const finishedAt = TERMINAL_STATUSES.has(to) ? (changes.completed_at ?? Date.now()) : null;
    const reply = await this.runScript('write', id, 'transition', id, to, from.join(','), allowedFrom.join(','), optional(finishedAt), set.length / 2, ...set, ...emptiedFields(changes));
    if (typeof reply === 'string' && isJobStatus(reply)) throw disallowedTransition(id, reply, to);
    const hash = hashReply(reply);
    return hash === undefined ? undefined : fromJobRecord(fromHashFields(hash));
  }

  async setProgress(id: string, progress: JobProgress): Promise<void> {
    await this.runScript('write', id, 'setProgress', id, JSON.stringify(progress));
  }

  async list(query: JobQuery): Promise<JobPage> {
    const before = query.cursor === undefined ? '+inf' : `(${decodeJobCursor(query.cursor)}`;
    const reply = await this.runScript('read', undefined, 'list', optional(query.owner), optional(query.plugin), optional(query.status), before, query.limit + 1, optional(query.priority));
    const records = hashListReply(reply).map(fromHashFields);
    const hasMore = records.length > query.limit;
    const page = hasMore ? records.slice(0, query.limit) : records;
    return { jobs: page.map(fromJobRecord), nextCursor: hasMore ? encodeJobCursor(page[page.length - 1].seq) : null };
  }

  async findByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    const reply = await this.runScript('read', undefined, 'findByStatus', ...new Set(statuses));
    return hashListReply(reply).map((hash) => fromJobRecord(fromHashFields(hash)));
  }

  /** See {@link PrunableJobStore.prune}: in scripts of at most `pruneBatchSize` jobs each, so that Redis stays responsive. */
  async prune(retention: JobRetention): Promise<number> {
    checkJobRetention(retention);
    if (retention.maxAgeMs === undefined && retention.maxJobs === undefined) return 0;
    const cutoff = retention.maxAgeMs === undefined ? '' : Date.now() - retention.maxAgeMs;
    let deleted = 0;
    for (;;) {
      const batch = Number(await this.runScript('write', undefined, 'prune', cutoff, retention.maxJobs ?? '', this.pruneBatchSize));
      deleted += batch;
      if (batch < this.pruneBatchSize) return deleted;
    }
  }

  /**
   * See {@link PrunableJobStore.probe}: one small `SET` (expiring after a minute) on the store's own
   * connection, which proves Redis reachable and taking writes (not out of memory, not a read-only
   * replica). Answers at once while the connection is down, rather than queue the command.
   */
  async probe(): Promise<StoreProbe> {
    if (this.redis.status !== 'ready') return { ok: false, problem: `Redis is not connected (connection ${this.redis.status})` };
    try {
      await this.redis.set(`${this.prefix}readiness-probe`, String(Date.now()), 'PX', 60_000);
      return STORE_TAKES_WRITES;
    } catch (error) {
      return { ok: false, problem: `Redis refused or did not answer a write: ${errorMessageOf(error)}` };
    }
  }

  /** Closes the connection after the replies it waits for (a second call does nothing). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await disconnectRedis(this.redis);
  }

  private runScript(operation: StoreOperation, jobId: string | undefined, script: keyof typeof REDIS_JOB_SCRIPTS, ...args: (string | number)[]): Promise<unknown> {
    return this.command(operation, jobId, REDIS_JOB_SCRIPTS[script].run(this.redis, [this.prefix, ...args]));
  }

  /** The reply of a command; a failed connection or a server that cannot serve now is logged and thrown as `STORE_UNAVAILABLE`. */
  private async command<T>(operation: StoreOperation, jobId: string | undefined, reply: Promise<T>): Promise<T> {
    try {
      return await reply;
    } catch (error) {
      throw redisStoreError(operation, jobId, error, this.logger);
    }
  }
}

/** A script argument for an optional value: '' when absent, '=' + the value when present. */
function optional(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : `=${value}`;
}

function isJobStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}
