import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { StoreUnavailableError } from '@forgesyte/errors';
import { connectRedis, disconnectRedis } from '../redis/connect-redis';
import { resubscribeWhenBack, subscriberOptions } from '../redis/resubscribe';
import { redisStoreError } from '../store/redis/redis-store-error';
import { jobChangedChannel } from '../store/redis/redis-job-scripts';
import type { JobChanges, StopWatching } from './job-changes';

/** Where a {@link RedisJobChanges} listens. */
export interface RedisJobChangesOptions {
  /** The Redis server, for the connection that listens (a subscribed connection can do nothing else). */
  readonly url: string;
  /** Prefix of the job store's keys and channels (`forgesyte:`). */
  readonly keyPrefix: string;
  /** How long connecting the listener may take, in ms. */
  readonly connectTimeoutMs: number;
}

/**
 * The changes of jobs in a Redis job store shared by API and worker processes. The store's own scripts
 * publish each change on the job's channel in the same atomic step as the write (see
 * `REDIS_JOB_SCRIPTS`), so a job running in an `apps/worker` on another machine is heard here, never
 * before its change can be read. A process subscribes to a job's channel while someone here watches
 * it, on one connection of its own opened at the first watch. Changes published while that connection
 * was down are lost: when it comes back, every watcher is called once, to read where its job is now.
 */
export class RedisJobChanges implements JobChanges {
  private readonly logger = new Logger('JobChanges');
  /** The channels subscribed to, each with its watchers here and its subscription (a failed one is dropped with its last watcher). */
  private readonly channels = new Map<string, { readonly watchers: Set<() => void>; readonly subscribed: Promise<unknown> }>();
  private subscriber: Promise<Redis> | undefined;
  private closed = false;

  constructor(private readonly options: RedisJobChangesOptions) {}

  async watch(jobId: string, onChange: () => void): Promise<StopWatching> {
    const subscriber = await this.connected();
    const name = jobChangedChannel(this.options.keyPrefix, jobId);
    let channel = this.channels.get(name);
    if (channel === undefined) {
      channel = { watchers: new Set(), subscribed: subscriber.subscribe(name) };
      this.channels.set(name, channel);
    }
    const watching = channel;
    const watcher = () => onChange();
    watching.watchers.add(watcher);
    const stop = () => {
      watching.watchers.delete(watcher);
      if (watching.watchers.size > 0 || this.channels.get(name) !== watching) return;
      this.channels.delete(name);
      subscriber.unsubscribe(name).catch(() => undefined);
    };
    // Every watcher waits for the subscription: a change published before it was in place would not be heard.
    try {
      await this.redisCall(jobId, watching.subscribed);
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
    const subscriber = await this.subscriber?.catch(() => undefined);
    if (subscriber !== undefined) await disconnectRedis(subscriber);
  }

  /** The listening connection, opened at the first watch (a failed attempt is tried again at the next). */
  private connected(): Promise<Redis> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('read', 1));
    this.subscriber ??= this.connect().catch((error: unknown) => {
      this.subscriber = undefined;
      throw redisStoreError('read', undefined, error, this.logger);
    });
    return this.subscriber;
  }

  private async connect(): Promise<Redis> {
    const subscriber = await connectRedis(this.options.url, { connectTimeoutMs: this.options.connectTimeoutMs, redisOptions: subscriberOptions('forgesyte-job-changes') });
    subscriber.on('message', (channel: string) => this.announce(channel));
    resubscribeWhenBack(subscriber, () => [...this.channels.keys()], {
      onError: (error) => this.logger.warn(`could not subscribe to job changes again after a reconnect (${error.message}); tried again at the next`),
      // Changes published while the connection was down were not heard: every watcher reads its job again.
      onResubscribed: () => {
        for (const channel of this.channels.keys()) this.announce(channel);
      },
    });
    return subscriber;
  }

  private announce(channel: string): void {
    const watchers = this.channels.get(channel)?.watchers;
    if (watchers === undefined) return;
    for (const onChange of [...watchers]) onChange();
  }

  private async redisCall<T>(jobId: string, call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      throw redisStoreError('read', jobId, error, this.logger);
    }
  }
}
