import { EXECUTION_DEFAULTS, type ExecutionModuleOptions } from '../execution.options';
import { REDIS_JOB_STORE_DEFAULTS } from '../store/redis/redis-job-store.options';
import { BullMqJobQueue } from './bullmq/bullmq-job-queue';
import { BULLMQ_JOB_QUEUE_DEFAULTS } from './bullmq/bullmq-job-queue.options';
import type { JobStore } from '../store/job-store';
import { RedisJobStore } from '../store/redis/redis-job-store';
import type { JobQueue } from './job-queue';
import { LocalJobQueue } from './local-job-queue';

/** The queue that goes with the configured store: BullMQ beside Redis (on the store's connection), this process's own queue otherwise. */
export async function openJobQueue(options: ExecutionModuleOptions, store: JobStore): Promise<JobQueue> {
  const concurrency = options.maxConcurrency ?? EXECUTION_DEFAULTS.maxConcurrency;
  const capacity = options.maxQueue ?? EXECUTION_DEFAULTS.maxQueue;
  const choice = options.store;
  if (choice?.kind !== 'redis') return new LocalJobQueue(concurrency, capacity);
  if (!(store instanceof RedisJobStore)) throw new Error('a BullMQ job queue needs the Redis job store');
  return BullMqJobQueue.connect(choice.url, store.connection, {
    keyPrefix: REDIS_JOB_STORE_DEFAULTS.keyPrefix,
    concurrency,
    capacity,
    consume: options.consumeJobs ?? true,
    lockMs: choice.lockMs ?? BULLMQ_JOB_QUEUE_DEFAULTS.lockMs,
    connectTimeoutMs: BULLMQ_JOB_QUEUE_DEFAULTS.connectTimeoutMs,
  });
}
