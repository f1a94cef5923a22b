import { EXECUTION_DEFAULTS, type ExecutionModuleOptions } from '../execution.options';
import { REDIS_JOB_STORE_DEFAULTS } from '../store/redis/redis-job-store.options';
import { BullMqJobQueue } from './bullmq/bullmq-job-queue';
import { BULLMQ_JOB_QUEUE_DEFAULTS } from './bullmq/bullmq-job-queue.options';
import type { JobQueue } from './job-queue';
import { LocalJobQueue } from './local-job-queue';

/** The queue that goes with the configured store: BullMQ beside Redis, this process's own queue otherwise. */
export async function openJobQueue(options: ExecutionModuleOptions): Promise<JobQueue> {
  const concurrency = options.maxConcurrency ?? EXECUTION_DEFAULTS.maxConcurrency;
  const capacity = options.maxQueue ?? EXECUTION_DEFAULTS.maxQueue;
  const store = options.store;
  if (store?.kind !== 'redis') return new LocalJobQueue(concurrency, capacity);
  return BullMqJobQueue.connect(store.url, {
    keyPrefix: REDIS_JOB_STORE_DEFAULTS.keyPrefix,
    concurrency,
    capacity,
    consume: options.consumeJobs ?? true,
    lockMs: store.lockMs ?? BULLMQ_JOB_QUEUE_DEFAULTS.lockMs,
    connectTimeoutMs: BULLMQ_JOB_QUEUE_DEFAULTS.connectTimeoutMs,
  });
}
