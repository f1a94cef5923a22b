import type { Redis } from 'ioredis';
import { connectRedis, disconnectRedis } from '../../redis/connect-redis';

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

  /** Subscribes on a connection of its own (a subscribed connection can do nothing else). */
  async subscribe(url: string, connectTimeoutMs: number, onCancel: (jobId: string) => void): Promise<void> {
    const subscriber = await connectRedis(url, { connectTimeoutMs });
    subscriber.on('message', (channel: string, jobId: string) => {
      if (channel === this.channel) onCancel(jobId);
    });
    await subscriber.subscribe(this.channel);
    this.subscriber = subscriber;
  }

  async close(): Promise<void> {
    if (this.subscriber !== undefined) await disconnectRedis(this.subscriber);
  }
}
