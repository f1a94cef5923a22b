import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { errorMessageOf } from '@forgesyte/errors';

/**
 * Jobs that run in a process outside the queue (sync calls, on the API node that took them), and a
 * lease per process, so that the jobs of a process that died do not stay `running`: every process
 * renews its lease (`P node:<id>`, expiring after `leaseMs`) every half of it, and every `leaseMs`
 * looks for processes (`P nodes`) whose lease expired, hands their jobs (`P node:<id>:jobs`) to
 * `onOrphan`, and forgets them. An orphan is found within about twice `leaseMs` of its process's death.
 */
export class NodeLeases {
  private readonly logger = new Logger('JobQueue');
  private readonly id = randomUUID();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leaseMs: number,
  ) {}

  /** Takes this process's lease and starts renewing it and looking for orphans. */
  async start(onOrphan: (jobId: string) => Promise<void>): Promise<void> {
    await this.renew();
    const every = (ms: number, task: () => Promise<void>) => {
      const timer = setInterval(() => void task().catch((error: unknown) => this.logger.warn(`job leases: ${errorMessageOf(error)}`)), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(Math.max(1, Math.floor(this.leaseMs / 2)), () => this.renew());
    every(this.leaseMs, () => this.reclaim(onOrphan));
  }

  /**
   * Records that `jobId` runs here; the returned function forgets it. The command is sent before this
   * returns, so that it reaches Redis before any command sent after it on the same connection.
   */
  hold(jobId: string): () => void {
    const jobs = this.jobsKey(this.id);
    this.redis.sadd(jobs, jobId).catch((error: unknown) => this.logger.warn(`could not record job ${jobId} as running here: ${errorMessageOf(error)}`));
    return () => void this.redis.srem(jobs, jobId).catch(() => undefined);
  }

  /** Stops renewing and gives the lease up (call once this process's jobs have settled). */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.redis.multi().srem(this.nodesKey, this.id).del(this.leaseKey(this.id), this.jobsKey(this.id)).exec();
  }

  /** Renews the lease, and lists this process again should another have taken it for dead while it was stalled. */
  private async renew(): Promise<void> {
    await this.redis.multi().set(this.leaseKey(this.id), '1', 'PX', this.leaseMs).sadd(this.nodesKey, this.id).exec();
  }

  private async reclaim(onOrphan: (jobId: string) => Promise<void>): Promise<void> {
    for (const node of await this.redis.smembers(this.nodesKey)) {
      if (node === this.id || (await this.redis.exists(this.leaseKey(node))) === 1) continue;
      for (const jobId of await this.redis.smembers(this.jobsKey(node))) await onOrphan(jobId);
      await this.redis.multi().srem(this.nodesKey, node).del(this.jobsKey(node)).exec();
    }
  }

  private get nodesKey(): string {
    return `${this.prefix}nodes`;
  }

  private leaseKey(node: string): string {
    return `${this.prefix}node:${node}`;
  }

  private jobsKey(node: string): string {
    return `${this.prefix}node:${node}:jobs`;
  }
}
