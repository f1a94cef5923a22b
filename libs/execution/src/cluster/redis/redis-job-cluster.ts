import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { redisStoreError } from '../../store/redis/redis-store-error';
import type { JobCluster, LocalJobs } from '../job-cluster';
import { CancelChannel } from './cancel-channel';
import { NodeLeases } from './node-leases';

/** Where a {@link RedisJobCluster} meets the other processes. */
export interface RedisJobClusterOptions {
  /** The Redis server, for the connection that listens for cancels (a subscribed connection can do nothing else). */
  readonly url: string;
  /** Prefix of the cluster's keys and channel, the job store's (`forgesyte:`). */
  readonly keyPrefix: string;
  /** How long a process's lease lasts without renewal, in ms. */
  readonly leaseMs: number;
  /** How long connecting the subscriber may take, in ms. */
  readonly connectTimeoutMs: number;
}

/**
 * API and worker processes sharing a Redis job store: each holds a lease listing the sync jobs it runs
 * ({@link NodeLeases}), and cancels travel on a pub/sub channel ({@link CancelChannel}). Commands go
 * on the job store's connection, which it leaves to the store to close.
 */
export class RedisJobCluster implements JobCluster {
  private readonly logger = new Logger('JobCluster');
  private readonly cancels: CancelChannel;
  private readonly leases: NodeLeases;

  constructor(
    storeConnection: Redis,
    private readonly options: RedisJobClusterOptions,
  ) {
    this.cancels = new CancelChannel(storeConnection, `${options.keyPrefix}cancel`);
    this.leases = new NodeLeases(storeConnection, options.keyPrefix, options.leaseMs);
  }

  holdHere(jobId: string): () => void {
    return this.leases.hold(jobId);
  }

  /** Publishes the cancel; Redis down or hung is logged and thrown as `STORE_UNAVAILABLE`. */
  async abortElsewhere(jobId: string): Promise<void> {
    try {
      await this.cancels.publish(jobId);
    } catch (error) {
      throw redisStoreError('write', jobId, error, this.logger);
    }
  }

  /** Every process listens for cancels (a sync job runs on the API node that took it). */
  async start(local: LocalJobs): Promise<void> {
    await this.cancels.subscribe(
      this.options.url,
      this.options.connectTimeoutMs,
      (jobId) => local.abort(jobId),
      (error) => this.logger.warn(`could not subscribe to cancels again after a reconnect (${error.message}): cancels sent to this process are not heard until the next`),
    );
    await this.leases.start((jobId) => local.interrupt(jobId));
  }

  async close(): Promise<void> {
    await this.leases.stop();
    await this.cancels.close();
  }
}
