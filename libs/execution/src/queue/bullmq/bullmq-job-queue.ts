import { Logger } from '@nestjs/common';
import { type Job as BullJob, DelayedError, Queue, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorMessageOf, OverloadedError, type StoreOperation } from '@forgesyte/errors';
import type { TraceParent } from '@forgesyte/runtime';
import { connectRedis, disconnectRedis } from '../../redis/connect-redis';
import { redisStoreError } from '../../store/redis/redis-store-error';
import type { Job } from '../../jobs/job';
import { HeldPlaces } from '../held-places';
import { type JobConsumer, type JobQueue, type QueueAcceptance, type QueueReservation, REDELIVERY_DELAY_MS } from '../job-queue';
import { BULLMQ_QUEUE_NAME, type BullMqJobQueueOptions } from './bullmq-job-queue.options';
import { WaitingCountEstimate } from './waiting-count-estimate';

/** The data of a BullMQ job: the ForgeSyte job's id is the BullMQ job's id; a traced submission adds its span. */
interface QueuedJobData {
  readonly traceparent?: TraceParent;
}

/** The submission's span from a BullMQ job's data, if it is a well-formed string (data written by any version). */
function traceparentOf(data: unknown): TraceParent | undefined {
  const traceparent = (data as QueuedJobData | null | undefined)?.traceparent;
  return typeof traceparent === 'string' && traceparent.length <= 256 ? traceparent : undefined;
}

/** How many job ids one `addBulk` carries when pending jobs are queued again at start. */
const RESUME_BATCH = 1000;

/**
 * Async jobs through BullMQ on Redis: the API adds job ids (the BullMQ job id is the ForgeSyte job
 * id, so adding one twice is harmless), and any number of `apps/worker` processes, on any machines,
 * take them with a BullMQ Worker and run them through their own ToolRunner. The job records, their
 * status, progress and results live in the Redis JobStore, so every process sees them.
 *
 * - Submission: the queue shares the job store's connection, so a job's id is added right behind its
 *   insert, both in one round trip, and no worker can take an id before its record exists.
 * - A worker that dies: its jobs' locks expire, BullMQ's stalled-job check (any live worker) reports
 *   them, and they end `failed` with `JOB_INTERRUPTED` (`maxStalledCount: 0`: never run twice).
 * - Cancels of running jobs and sync calls of a process that dies: see {@link RedisJobCluster}.
 * - Shutdown: the worker takes no new job; a job it fetched but had not started goes back to the queue.
 */
export class BullMqJobQueue implements JobQueue {
  private readonly logger = new Logger('JobQueue');
  private readonly waitingCount: WaitingCountEstimate;
  private readonly held = new HeldPlaces();
  private worker: Worker | undefined;
  private workerConnection: Redis | undefined;
  private workerClosed: Promise<void> | undefined;
  private accepting = true;
  private closing = false;

  private constructor(
    private readonly url: string,
    private readonly storeConnection: Redis,
    private readonly queue: Queue,
    private readonly options: BullMqJobQueueOptions,
  ) {
    this.waitingCount = new WaitingCountEstimate(() => queue.getWaitingCount());
  }

  /**
   * Adds jobs on `storeConnection`, the Redis job store's own connection (the server at `url`), which
   * it leaves to the store to close.
   */
  static async connect(url: string, storeConnection: Redis, options: BullMqJobQueueOptions): Promise<BullMqJobQueue> {
    const queue = new Queue(BULLMQ_QUEUE_NAME, {
      connection: storeConnection,
      prefix: `${options.keyPrefix}queue`,
      // The job store keeps every job's record: BullMQ's own copies are not needed once done.
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    const jobQueue = new BullMqJobQueue(url, storeConnection, queue, options);
    queue.on('error', (error) => jobQueue.warn('queue', error));
    // Closing a BullMQ connection still initialising makes it emit an error nobody can listen to.
    await queue.waitUntilReady();
    return jobQueue;
  }

  assertOpen(): void {
    if (!this.accepting) throw new OverloadedError(1, this.options.capacity, 'shutting_down');
  }

  /**
   * Refuses with `OVERLOADED` when `capacity` jobs wait in Redis. A cached count that errs high lets
   * most submissions through without a round trip; near the limit the server is asked.
   */
  async reserve(): Promise<QueueReservation> {
    this.assertOpen();
    if (this.full(this.waitingCount.current()) && this.full(await this.exactWaitingCount())) throw new OverloadedError(1, this.options.capacity);
    return this.held.hold((candidate, insert, traceparent) => this.storeAndQueue(candidate, insert, traceparent));
  }

  async acceptance(): Promise<QueueAcceptance> {
    if (!this.accepting) return 'stopped';
    return this.full(this.waitingCount.current()) && this.full(await this.exactWaitingCount()) ? 'full' : 'accepting';
  }

  /** Whether `waiting` jobs in Redis, with the places held here, reach the capacity. */
  private full(waiting: number): boolean {
    return waiting + this.held.count >= this.options.capacity;
  }

  private exactWaitingCount(): Promise<number> {
    return this.redisCall('read', undefined, this.waitingCount.exact());
  }

  async resume(jobIds: readonly string[]): Promise<void> {
    for (let start = 0; start < jobIds.length; start += RESUME_BATCH) {
      const batch = jobIds.slice(start, start + RESUME_BATCH);
      await this.redisCall('write', undefined, this.queue.addBulk(batch.map((jobId) => ({ name: BULLMQ_QUEUE_NAME, data: {}, opts: { jobId } }))));
    }
  }

  waitingJobs(): number {
    return this.waitingCount.current();
  }

  async remove(jobId: string): Promise<void> {
    try {
      await this.queue.remove(jobId);
    } catch {
      // Taken by a worker meanwhile: it finds the job cancelled and skips it.
    }
  }

  /** Only processes that consume (workers) take jobs; the API only adds them. */
  async start(consumer: JobConsumer): Promise<void> {
    if (!this.options.consume) return;
    // BullMQ's workers need connections that retry commands for ever rather than fail them.
    this.workerConnection = await connectRedis(this.url, { connectTimeoutMs: this.options.connectTimeoutMs, redisOptions: { maxRetriesPerRequest: null } });
    const worker = new Worker(BULLMQ_QUEUE_NAME, (job, token) => this.process(consumer, job, token), {
      connection: this.workerConnection,
      prefix: `${this.options.keyPrefix}queue`,
      concurrency: this.options.concurrency,
      lockDuration: this.options.lockMs,
      stalledInterval: this.options.lockMs,
      maxStalledCount: 0,
    });
    worker.on('stalled', (jobId) => void consumer.interrupt(jobId));
    // A job BullMQ failed without our processor finishing it: stalled past its limit, or the store was unreachable.
    worker.on('failed', (job) => {
      if (job?.id !== undefined) void consumer.interrupt(job.id);
    });
    worker.on('error', (error) => this.warn('queue worker', error));
    this.worker = worker;
    await worker.waitUntilReady();
  }

  stop(): string[] {
    this.accepting = false;
    this.workerClosed ??= this.worker?.close();
    return [];
  }

  async close(): Promise<void> {
    this.closing = true;
    this.stop();
    await this.workerClosed;
    await this.queue.close();
    if (this.workerConnection !== undefined) await disconnectRedis(this.workerConnection);
  }

  /**
   * Without an idempotency key the insert cannot find an earlier job, so the id is added at once,
   * behind the insert on the same connection, and both go out in one write; with one, only once the
   * insert stored this job.
   */
  private async storeAndQueue(candidate: Job, insert: () => Promise<Job>, traceparent?: TraceParent): Promise<{ stored: Job; queued: boolean }> {
    if (candidate.idempotencyKey === null && this.accepting) {
      this.writeTogetherThisTick();
      const [stored] = await Promise.all([insert(), this.add(candidate.id, traceparent)]);
      return { stored, queued: true };
    }
    const stored = await insert();
    if (stored.id !== candidate.id || !this.accepting) return { stored, queued: false };
    await this.add(stored.id, traceparent);
    return { stored, queued: true };
  }

  /**
   * Holds back the store connection's writes until the current tick's promise callbacks have run (BullMQ
   * writes an add within them), so that the insert and the add leave in one write: each write is a
   * system call on both ends, which costs about as much as the work Redis does for the insert. Order
   * is kept either way.
   */
  private writeTogetherThisTick(): void {
    if (this.storeConnection.status !== 'ready') return;
    const socket = this.storeConnection.stream;
    socket.cork();
    process.nextTick(() => socket.uncork());
  }

  /** Adds the job's id; a traced submission's span goes in the job's data, for the worker's job span. */
  private async add(jobId: string, traceparent?: TraceParent): Promise<void> {
    const data: QueuedJobData = traceparent === undefined ? {} : { traceparent };
    await this.redisCall('write', jobId, this.queue.add(BULLMQ_QUEUE_NAME, data, { jobId }));
    this.waitingCount.added(1);
  }

  /** The result of a call on the store's connection; Redis down or hung is logged and thrown as `STORE_UNAVAILABLE`. */
  private async redisCall<T>(operation: StoreOperation, jobId: string | undefined, call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      throw redisStoreError(operation, jobId, error, this.logger);
    }
  }

  private async process(consumer: JobConsumer, job: BullJob, token: string | undefined): Promise<void> {
    if (!this.accepting) {
      // Fetched just as shutdown began: back to the queue for another worker, never started here.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    if (await consumer.execute(job.id as string, traceparentOf(job.data))) return;
    // The store failed before the job could start: it stays pending, and BullMQ delivers it again.
    await job.moveToDelayed(Date.now() + REDELIVERY_DELAY_MS, token);
    throw new DelayedError();
  }

  /** Reports a connection problem (ioredis reconnects by itself); quiet once closing, when they are expected. */
  private warn(what: string, error: Error): void {
    if (!this.closing) this.logger.warn(`${what}: ${errorMessageOf(error)}`);
  }
}
