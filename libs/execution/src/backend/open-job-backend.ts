import { LocalJobChanges } from '../changes/local-job-changes';
import { RedisJobChanges } from '../changes/redis-job-changes';
import { SINGLE_PROCESS } from '../cluster/job-cluster';
import { RedisJobCluster } from '../cluster/redis/redis-job-cluster';
import { defaultKeyMaxQueue, EXECUTION_DEFAULTS, type ExecutionModuleOptions, type JobStoreChoice } from '../execution.options';
import { BullMqJobQueue } from '../queue/bullmq/bullmq-job-queue';
import { BULLMQ_JOB_QUEUE_DEFAULTS } from '../queue/bullmq/bullmq-job-queue.options';
import type { KeyShare } from '../queue/job-queue';
import { LocalJobQueue } from '../queue/local-job-queue';
import type { JobStore } from '../store/job-store';
import { MemoryJobStore } from '../store/memory-job-store';
import { RedisJobStore } from '../store/redis/redis-job-store';
import { REDIS_JOB_STORE_DEFAULTS } from '../store/redis/redis-job-store.options';
import { SqliteJobStore } from '../store/sqlite/sqlite-job-store';
import type { JobBackend } from './job-backend';
import { MemoryJobBackend } from './memory-job-backend';
import { RedisJobBackend } from './redis-job-backend';
import { RetentionPruning } from './retention-pruning';
import { SqliteJobBackend } from './sqlite-job-backend';

// The one place that knows the kinds of store: everything else gets a JobStore or a JobBackend.

/** The store the options name (in memory by default); a memory store keeps `retainJobs` finished jobs. */
export async function openJobStore(options: ExecutionModuleOptions): Promise<JobStore> {
  const choice = storeChoice(options);
  switch (choice.kind) {
    case 'memory':
      return new MemoryJobStore(options.retainJobs ?? EXECUTION_DEFAULTS.retainJobs);
    case 'sqlite':
      return SqliteJobStore.open(choice.file);
    case 'redis':
      return RedisJobStore.connect(choice.url, { commandTimeoutMs: choice.commandTimeoutMs });
  }
}

/**
 * The backend of the store the options name, around `store` (the one {@link openJobStore} opened, or a
 * test's stand-in of the same kind). Memory and SQLite: this process's own queue, which this process
 * always runs. Redis: BullMQ on the store's connection, taken by this process only with `consumeJobs`.
 */
export async function openJobBackend(options: ExecutionModuleOptions, store: JobStore): Promise<JobBackend> {
  const choice = storeChoice(options);
  const concurrency = options.maxConcurrency ?? EXECUTION_DEFAULTS.maxConcurrency;
  const capacity = options.maxQueue ?? EXECUTION_DEFAULTS.maxQueue;
  const share: KeyShare = { maxQueued: options.keyMaxQueue ?? defaultKeyMaxQueue(capacity), maxConcurrency: options.keyMaxConcurrency };
  const pruneIntervalMs = options.pruneIntervalMs ?? EXECUTION_DEFAULTS.pruneIntervalMs;
  switch (choice.kind) {
    case 'memory':
      return new MemoryJobBackend(store, new LocalJobQueue(concurrency, capacity, share));
    case 'sqlite': {
      if (!(store instanceof SqliteJobStore)) throw wrongStore(choice.kind, store);
      return new SqliteJobBackend(store, new LocalJobQueue(concurrency, capacity, share), SINGLE_PROCESS, new LocalJobChanges(), new RetentionPruning(store, choice.retention, pruneIntervalMs));
    }
    case 'redis': {
      if (!(store instanceof RedisJobStore)) throw wrongStore(choice.kind, store);
      const keyPrefix = REDIS_JOB_STORE_DEFAULTS.keyPrefix;
      const lockMs = choice.lockMs ?? BULLMQ_JOB_QUEUE_DEFAULTS.lockMs;
      const connectTimeoutMs = BULLMQ_JOB_QUEUE_DEFAULTS.connectTimeoutMs;
      const queue = await BullMqJobQueue.connect(choice.url, store.connection, { keyPrefix, concurrency, capacity, keyCapacity: share.maxQueued, consume: options.consumeJobs ?? true, lockMs, connectTimeoutMs });
      const cluster = new RedisJobCluster(store.connection, { url: choice.url, keyPrefix, leaseMs: lockMs, connectTimeoutMs });
      const changes = new RedisJobChanges({ url: choice.url, keyPrefix, connectTimeoutMs });
      return new RedisJobBackend(store, queue, cluster, changes, new RetentionPruning(store, choice.retention, pruneIntervalMs));
    }
  }
}

function storeChoice(options: ExecutionModuleOptions): JobStoreChoice {
  return options.store ?? { kind: 'memory' };
}

/** A stand-in store of another class than the kind needs: its queue and upkeep use what only that class has. */
function wrongStore(kind: JobStoreChoice['kind'], store: JobStore): Error {
  return new Error(`the ${kind} job backend cannot run on a ${store.constructor.name}: give it the ${kind} store`);
}
