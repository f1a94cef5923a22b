import { Logger } from '@nestjs/common';
import { type Job as BullJob, DelayedError, Queue, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorMessageOf, OverloadedError, type StoreOperation } from '@forgesyte/errors';
import type { TraceParent } from '@forgesyte/runtime';
import { connectRedis, disconnectRedis } from '../../redis/connect-redis';
import { redisStoreError } from '../../store/redis/redis-store-error';
import type { Job } from '../../jobs/job';
import { HeldPlaces } from '../held-places';
import { type JobConsumer, type JobQueue, keyQueueFull, type QueueAcceptance, type QueuedJob, type QueueReservation, REDELIVERY_DELAY_MS } from '../job-queue';
import { BULLMQ_QUEUE_NAME, type BullMqJobQueueOptions } from './bullmq-job-queue.options';
import { type ClaimedJob, FairBacklog } from './fair-backlog';
import { WaitingCountEstimate } from './waiting-count-estimate';

/** The data of a BullMQ job: the ForgeSyte job's id is the BullMQ job's id; a traced submission adds its span. */
interface QueuedJobData {
  readonly traceparent?: TraceParent;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The submission's span from a BullMQ job's data, if it is a well-formed string (data written by any version). */
function traceparentOf(data: unknown): TraceParent | undefined {
  const traceparent = (data as QueuedJobData | null | undefined)?.traceparent;
  return typeof traceparent === 'string' && traceparent.length <= 256 ? traceparent : undefined;
}

/** How many job ids one `addBulk` carries when pending jobs are queued again at start. */
const RESUME_BATCH = 1000;

/** How often a consuming process feeds BullMQ from the fair backlog besides after each job it takes, in ms. */
const FEED_INTERVAL_MS = 1000;

/**
 * How soon a process runs a feed when it has nothing else to send the backlog, in ms: to report the
 * claims it added to BullMQ (they count against the target until reported), and, in a worker that
 * started a job while the lanes were empty, to look for jobs that reached a lane meanwhile.
 */
const LAZY_FEED_MS = 20;

/**
 * Async jobs through BullMQ on Redis: the API adds job ids (the BullMQ job id is the ForgeSyte job
 * id, so adding one twice is harmless), and any number of `apps/worker` processes, on any machines,
 * take them with a BullMQ Worker and run them through their own ToolRunner. The job records, their
 * status, progress and results live in the Redis JobStore, so every process sees them.
 *
 * - Fairness: a job first waits in the {@link FairBacklog}, one lane per key; BullMQ's wait list is
 *   fed from the lanes in round-robin turns and kept short (twice `concurrency` jobs, counting those
 *   claimed and not yet added): by the API with each submission up to half that, and by each worker up
 *   to the whole after it takes a job (and every second), so that on a busy server the workers add the
 *   jobs to BullMQ. A process reports the claims it added with its next script run, or within
 *   {@link LAZY_FEED_MS}.
 * - Submission: the queue shares the job store's connection, so a job's id is added to its lane right
 *   behind its insert, both in one round trip, and no worker can take an id before its record exists.
 * - A worker that dies: its jobs' locks expire, BullMQ's stalled-job check (any live worker) reports
 *   them, and they end `failed` with `JOB_INTERRUPTED` (`maxStalledCount: 0`: never run twice).
 * - Cancels of running jobs and sync calls of a process that dies: see {@link RedisJobCluster}.
 * - Shutdown: the worker takes no new job; a job it fetched but had not started goes back to the queue.
 */
export class BullMqJobQueue implements JobQueue {
  private readonly logger = new Logger('JobQueue');
  private readonly waitingCount: WaitingCountEstimate;
  private readonly held = new HeldPlaces();
  /** The jobs this worker's processor runs now, with the time of the next attempt {@link retryAt} set for one during its run. */
  private readonly delivering = new Map<string, { retryAt?: number }>();
  private readonly backlog: FairBacklog;
  /** Jobs in each key's backlog lane, as last seen (errs high as jobs leave; other API nodes' adds are seen on the next look). */
  private readonly laneSizes = new Map<string, number>();
  /** The feed under way in this process, if any (one at a time; calls meanwhile ask for one more round). */
  private feeding: Promise<void> | undefined;
  private feedAgain = false;
  /** Claimed jobs this process added to BullMQ since its last script run, reported to the backlog with the next. */
  private landed: string[] = [];
  /** Whether the last feed left jobs in the lanes (or none was made yet): then every start feeds; else a start feeds within {@link LAZY_FEED_MS}. */
  private lanesHadJobs = true;
  private feedTimer: NodeJS.Timeout | undefined;
  private lazyFeedTimer: NodeJS.Timeout | undefined;
  /** Hand-overs of claimed jobs to BullMQ still under way, which {@link close} waits for. */
  private readonly handingOver = new Set<Promise<void>>();
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
    this.backlog = new FairBacklog(storeConnection, options.keyPrefix, queue.keys.wait, Math.max(2, 2 * options.concurrency));
    this.waitingCount = new WaitingCountEstimate(async () => (await this.backlog.count()).waiting);
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
  async reserve(owner: string, ownMaxQueued?: number): Promise<QueueReservation> {
    this.assertOpen();
    if (this.full(this.waitingCount.current()) && this.full(await this.exactWaitingCount())) throw new OverloadedError(1, this.options.capacity);
    const maxQueued = ownMaxQueued ?? this.options.keyCapacity;
    if (this.keyFull(owner, this.laneSizes.get(owner) ?? 0, maxQueued) && this.keyFull(owner, await this.exactLaneSize(owner), maxQueued)) {
      throw keyQueueFull(maxQueued, ownMaxQueued);
    }
    return this.held.hold(owner, (candidate, insert, traceparent) => this.storeAndQueue(candidate, insert, traceparent));
  }

  /** Whether `owner`'s lane, with its places held here, reaches `maxQueued`. */
  private keyFull(owner: string, laneSize: number, maxQueued: number): boolean {
    return laneSize + this.held.countOf(owner) >= maxQueued;
  }

  private async exactLaneSize(owner: string): Promise<number> {
    const { laneSize } = await this.redisCall('read', undefined, this.backlog.count(owner));
    this.noteLaneSize(owner, laneSize);
    return laneSize;
  }

  private noteLaneSize(owner: string, laneSize: number): void {
    if (laneSize > 0) this.laneSizes.set(owner, laneSize);
    else this.laneSizes.delete(owner);
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

  /** Puts the jobs back in their lanes (a job still in its lane, or in BullMQ, is not queued twice: a second delivery finds it started and skips it). */
  async resume(jobs: readonly QueuedJob[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += RESUME_BATCH) {
      const { claimed } = await this.redisCall('write', undefined, this.backlog.add(jobs.slice(start, start + RESUME_BATCH)));
      await this.addClaimed(claimed);
    }
  }

  /**
   * A job whose attempt this worker runs waits in BullMQ's delayed set (the processor moves it there
   * when the run ends: it is BullMQ's active job until then); any other is added there. Either way the
   * wait is kept in Redis, so that a worker that dies meanwhile loses nothing: any worker takes the job
   * at its time. (BullMQ's own `attempts`/`backoff` are not used: the job store decides and records
   * each attempt, and a failed BullMQ job is one whose worker died, see {@link start}.)
   */
  async retryAt(job: QueuedJob, at: number): Promise<void> {
    const delivery = this.delivering.get(job.id);
    if (delivery !== undefined) {
      delivery.retryAt = at;
      return;
    }
    await this.redisCall('write', job.id, this.queue.add(BULLMQ_QUEUE_NAME, {}, { jobId: job.id, delay: Math.max(0, at - Date.now()) }));
  }

  waitingJobs(): number {
    return this.waitingCount.current();
  }

  async remove(job: QueuedJob): Promise<void> {
    try {
      if (await this.backlog.remove(job)) return;
      await this.queue.remove(job.id);
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
    this.feedSoon();
    this.feedTimer = setInterval(() => this.feedSoon(), FEED_INTERVAL_MS);
    this.feedTimer.unref();
  }

  stop(): string[] {
    this.accepting = false;
    clearInterval(this.feedTimer);
    clearTimeout(this.lazyFeedTimer);
    this.workerClosed ??= this.worker?.close();
    return [];
  }

  async close(): Promise<void> {
    this.closing = true;
    this.stop();
    await this.workerClosed;
    // Finish the feed and the hand-overs under way, then report what they added (claims not reported
    // count against the target until they expire), claiming nothing more, before the connection closes.
    await this.feeding;
    await Promise.all(this.handingOver);
    clearTimeout(this.lazyFeedTimer);
    const landed = this.takeLanded();
    if (landed.length > 0) await this.backlog.report(landed).catch((error: unknown) => this.warn('report of the last claims added to BullMQ', asError(error)));
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
      const [stored] = await Promise.all([insert(), this.enqueue(candidate, traceparent)]);
      return { stored, queued: true };
    }
    const stored = await insert();
    if (stored.id !== candidate.id || !this.accepting) return { stored, queued: false };
    await this.enqueue(stored, traceparent);
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

  /**
   * Adds the job to its key's lane (with its submission's span, for the worker's job span), then hands
   * BullMQ what the backlog claimed for it (this job, or other keys' whose turn came first) without
   * making the submission wait for that second round trip: the job is stored and queued once it is in
   * its lane, and a claim whose add fails is lost to this submission's caller either way (the job stays
   * `pending` until a process starts and queues it again, as when a process dies between the two).
   */
  private async enqueue(job: QueuedJob, traceparent?: TraceParent): Promise<void> {
    const { laneSize, claimed } = await this.redisCall('write', job.id, this.reportingLanded((landed) => this.backlog.add([job], traceparent, landed)));
    this.noteLaneSize(job.owner, laneSize);
    this.waitingCount.added(1);
    this.handOver(claimed);
  }

  /** Adds claimed jobs to BullMQ without waiting for it; {@link close} does. A failure is logged. */
  private handOver(claimed: readonly ClaimedJob[]): void {
    if (claimed.length === 0) return;
    const handing = this.addClaimed(claimed).catch((error: unknown) =>
      this.warn(`hand-over of ${claimed.length} claimed job(s) to BullMQ (they stay pending until a process starts and queues them again)`, asError(error)),
    );
    this.handingOver.add(handing);
    void handing.finally(() => this.handingOver.delete(handing));
  }

  /**
   * Adds claimed jobs to BullMQ (the BullMQ job id is the job's: adding one twice is harmless). A process
   * that dies between the claim and this add leaves those jobs `pending` until a process starts and queues them again.
   */
  private async addClaimed(claimed: readonly ClaimedJob[]): Promise<void> {
    const jobs = claimed.map(({ id, traceparent }) => ({ name: BULLMQ_QUEUE_NAME, data: (traceparent === undefined ? {} : { traceparent }) satisfies QueuedJobData, opts: { jobId: id } }));
    if (jobs.length === 0) return;
    // One add per job, all in one write, rather than addBulk: its MULTI builds an ioredis pipeline, which
    // costs more than the adds themselves (about 50 µs per job in a profile of a worker under load), and
    // nothing needs the adds to be atomic (each job is added once, whichever add comes first).
    this.writeTogetherThisTick();
    await this.redisCall('write', undefined, Promise.all(jobs.map((job) => this.queue.add(job.name, job.data, job.opts))));
    this.noteLanded(claimed.map(({ id }) => id));
  }

  /** Keeps claims added to BullMQ for the next script run's report, which comes within {@link LAZY_FEED_MS}. */
  private noteLanded(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.landed.push(...ids);
    if (this.accepting) this.lazyFeedTimer ??= setTimeout(() => this.feedSoon(), LAZY_FEED_MS).unref();
  }

  private takeLanded(): string[] {
    const landed = this.landed;
    this.landed = [];
    return landed;
  }

  /** Runs a backlog script that reports the claims added since the last one; a run that fails keeps them for the next. */
  private async reportingLanded<T>(run: (landed: readonly string[]) => Promise<T>): Promise<T> {
    const landed = this.takeLanded();
    try {
      return await run(landed);
    } catch (error) {
      this.noteLanded(landed);
      throw error;
    }
  }

  /**
   * Reports the jobs started here since the last feed and claims jobs from the backlog for BullMQ now,
   * once at a time in this process (calls meanwhile ask for one more round).
   */
  private feedSoon(): void {
    clearTimeout(this.lazyFeedTimer);
    this.lazyFeedTimer = undefined;
    if (this.feeding !== undefined) {
      this.feedAgain = true;
      return;
    }
    this.feeding = this.feed().finally(() => {
      this.feeding = undefined;
      if (this.feedAgain && this.accepting) {
        this.feedAgain = false;
        this.feedSoon();
      }
    });
  }

  /** One feed: reports the claims added since the last script run, hands BullMQ what it claims. Never rejects: a failure is logged. */
  private async feed(): Promise<void> {
    try {
      const { claimed, inLanes } = await this.reportingLanded((landed) => this.backlog.feed(landed));
      this.lanesHadJobs = inLanes > 0;
      await this.addClaimed(claimed);
    } catch (error) {
      this.warn('backlog feed', asError(error));
    }
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
    const jobId = job.id as string;
    // A place freed on BullMQ's side: the next key's turn. While the lanes are empty, submissions hand
    // their jobs to BullMQ themselves, and a feed would find nothing: a worker then looks at the lanes
    // within LAZY_FEED_MS of a start (a job reaches a lane when BullMQ's side was full). Feeding also
    // every `concurrency` starts, as before, cost two workers about a tenth of their jobs/s in
    // `npm run bench:compare-stores`, for feeds that found the lanes empty.
    if (this.lanesHadJobs) this.feedSoon();
    else this.lazyFeedTimer ??= setTimeout(() => this.feedSoon(), LAZY_FEED_MS).unref();
    const delivery: { retryAt?: number } = {};
    this.delivering.set(jobId, delivery);
    let handled: boolean;
    try {
      handled = await consumer.execute(jobId, traceparentOf(job.data));
    } finally {
      this.delivering.delete(jobId);
    }
    if (handled && delivery.retryAt === undefined) return;
    // The attempt failed and the job waits for its next one; or the store failed before the job could
    // start: it stays pending, and BullMQ delivers it again.
    await job.moveToDelayed(delivery.retryAt ?? Date.now() + REDELIVERY_DELAY_MS, token);
    throw new DelayedError();
  }

  /** Reports a connection problem (ioredis reconnects by itself); quiet once closing, when they are expected. */
  private warn(what: string, error: Error): void {
    if (!this.closing) this.logger.warn(`${what}: ${errorMessageOf(error)}`);
  }
}
