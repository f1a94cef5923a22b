import type { Redis } from 'ioredis';
import { connectRedis, disconnectRedis } from '../../redis/connect-redis';
import { resubscribeWhenBack, subscriberOptions } from '../../redis/resubscribe';

/**
 * Cancel requests between processes over Redis pub/sub: the process that accepts a DELETE publishes
 * the job id, and every subscribed worker aborts the job if it is running there.
 */
export class CancelChannel {
  private subscriber: Redis | undefined;

  constructor(
    private readonly publisher: Redis,
    private readonly channel: string,
  ) {}

  publish(jobId: string): Promise<number> {
    return this.publisher.publish(this.channel, jobId);
  }

  /**
   * Subscribes on a connection of its own (a subscribed connection can do nothing else), again after
   * each reconnect; `onError` hears of a subscription that failed (cancels are not heard until the next).
   */
  async subscribe(url: string, connectTimeoutMs: number, onCancel: (jobId: string) => void, onError: (error: Error) => void): Promise<void> {
    const subscriber = await connectRedis(url, { connectTimeoutMs, redisOptions: subscriberOptions('forgesyte-cancels') });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, jobId: string) => {
      if (channel === this.channel) onCancel(jobId);
    });
    resubscribeWhenBack(subscriber, () => [this.channel], { onError });
    await subscriber.subscribe(this.channel);
  }

  async close(): Promise<void> {
    if (this.subscriber !== undefined) await disconnectRedis(this.subscriber);
  }
}
