import { Redis } from 'ioredis';
import { restartAndCloseDuringReadyCheck, unhandledRejectionsDuring } from '../testing/redis-reconnects';
import { type RedisServer, startRedisServer } from '../testing/redis-server';
import { connectRedis, disconnectRedis } from './connect-redis';
import { resubscribeWhenBack, subscriberOptions } from './resubscribe';

describe(resubscribeWhenBack.name, () => {
  let server: RedisServer;

  beforeAll(async () => {
    server = await startRedisServer();
  }, 20_000);

  afterAll(() => server.stop());

  async function subscribed(onError: (error: Error) => void, onResubscribed?: () => void): Promise<{ subscriber: Redis; messages: string[] }> {
    const subscriber = await connectRedis(server.url, { connectTimeoutMs: 5_000, redisOptions: subscriberOptions('test-news') });
    const messages: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => messages.push(message));
    resubscribeWhenBack(subscriber, () => ['news'], { onError, onResubscribed });
    await subscriber.subscribe('news');
    return { subscriber, messages };
  }

  it('subscribes again once Redis is back after a restart, says so, and hears what is published then', async () => {
    let resubscribed!: () => void;
    const back = new Promise<void>((resolve) => (resubscribed = resolve));
    const errors: Error[] = [];
    const { subscriber, messages } = await subscribed((error) => errors.push(error), resubscribed);

    await server.kill();
    await server.restart();
    await back;
    const publisher = new Redis(server.url);
    await publisher.publish('news', 'after the restart');
    publisher.disconnect();

    while (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(messages).toEqual(['after the restart']);
    expect(errors).toEqual([]);
    await disconnectRedis(subscriber);
  });

  it('leaves no unhandled rejection and reports nothing when the connection closes during its ready check as Redis comes back', async () => {
    const errors: Error[] = [];
    const { subscriber } = await subscribed((error) => errors.push(error));

    const rejections = await unhandledRejectionsDuring(() => restartAndCloseDuringReadyCheck(server, 'test-news', () => disconnectRedis(subscriber)));

    expect(rejections).toEqual([]);
    expect(errors).toEqual([]);
  });
});
