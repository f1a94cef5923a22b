import { Redis } from 'ioredis';
import { restartAndCloseDuringReadyCheck, unhandledRejectionsDuring } from '../../testing/redis-reconnects';
import { type RedisServer, startRedisServer } from '../../testing/redis-server';
import { CancelChannel } from './cancel-channel';

describe(CancelChannel.name, () => {
  let server: RedisServer;
  let publisher: Redis;
  let channel: CancelChannel;
  let cancelled: string[];
  let errors: Error[];

  beforeAll(async () => {
    server = await startRedisServer();
  }, 20_000);

  beforeEach(async () => {
    publisher = new Redis(server.url);
    channel = new CancelChannel(publisher, 'test:cancel');
    cancelled = [];
    errors = [];
    await channel.subscribe(server.url, 5_000, (jobId) => cancelled.push(jobId), (error) => errors.push(error));
  });

  afterEach(async () => {
    await channel.close();
    publisher.disconnect();
  });

  afterAll(() => server.stop());

  it('hears the cancels published after Redis restarted: it subscribed again', async () => {
    await server.kill();
    await server.restart();

    // Published until heard: the subscription comes back a moment after the connection does.
    while (cancelled.length === 0) {
      await channel.publish('job-1');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(cancelled[0]).toBe('job-1');
    expect(errors).toEqual([]);
  });

  it('closes during its ready check as Redis comes back without an unhandled rejection or a reported error', async () => {
    const rejections = await unhandledRejectionsDuring(() => restartAndCloseDuringReadyCheck(server, 'forgesyte-cancels', () => channel.close()));

    expect(rejections).toEqual([]);
    expect(errors).toEqual([]);
  });
});
