import { Redis } from 'ioredis';
import { newJob } from '../jobs/new-job';
import { RedisJobStore } from '../store/redis/redis-job-store';
import { REDIS_JOB_STORE_DEFAULTS } from '../store/redis/redis-job-store.options';
import { restartAndCloseDuringReadyCheck, unhandledRejectionsDuring } from '../testing/redis-reconnects';
import { type RedisServer, startRedisServer } from '../testing/redis-server';
import { RedisJobChanges } from './redis-job-changes';

const PREFIX = REDIS_JOB_STORE_DEFAULTS.keyPrefix;

/** Resolves once `count` calls were made to the returned callback. */
function calls(count: number): { readonly onChange: () => void; readonly done: Promise<void>; readonly seen: () => number } {
  let seen = 0;
  let resolve: () => void = () => undefined;
  const done = new Promise<void>((settle) => (resolve = settle));
  return {
    onChange: () => {
      seen += 1;
      if (seen === count) resolve();
    },
    done,
    seen: () => seen,
  };
}

/** Polls `check` every 10 ms until it holds (the test's timeout bounds the wait). */
async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe(RedisJobChanges.name, () => {
  let server: RedisServer;
  let store: RedisJobStore;
  let changes: RedisJobChanges;
  let probe: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
  }, 20_000);

  beforeEach(async () => {
    store = await RedisJobStore.connect(server.url);
    changes = new RedisJobChanges({ url: server.url, keyPrefix: PREFIX, connectTimeoutMs: 5_000 });
    probe = new Redis(server.url);
  });

  afterEach(async () => {
    await changes.close();
    await store.close();
    probe.disconnect();
  });

  afterAll(() => server.stop());

  it("hears the store's own status changes and progress reports, published in the same step as the write", async () => {
    const job = await store.insert(newJob({ plugin: 'echo', tool: 'echo', mode: 'async', owner: 'key_owner' }));
    const heard = calls(3);
    const stop = await changes.watch(job.id, heard.onChange);

    await store.transition(job.id, ['pending'], 'running', { startedAt: new Date() });
    await store.setProgress(job.id, { fraction: 0.5, message: 'half' });
    await store.transition(job.id, ['running'], 'success', { result: {} });

    await heard.done;
    expect(heard.seen()).toBe(3);
    stop();
  });

  it('shares one subscription between the watchers of a job, and drops it with the last one', async () => {
    const channel = `${PREFIX}changed:job-1`;
    const first = calls(1);
    const second = calls(1);
    const stopFirst = await changes.watch('job-1', first.onChange);
    const stopSecond = await changes.watch('job-1', second.onChange);

    expect(await probe.pubsub('NUMSUB', channel)).toEqual([channel, 1]);
    await probe.publish(channel, 'running');
    await Promise.all([first.done, second.done]);
    stopFirst();
    stopSecond();

    const numsub = async () => (await probe.pubsub('NUMSUB', channel)) as [string, number];
    for (let attempt = 0; attempt < 50 && (await numsub())[1] !== 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await numsub()).toEqual([channel, 0]);
  });

  it('subscribes again once Redis is back after a restart, then tells every watcher to read its job again', async () => {
    const afterRestart = calls(2);
    let restarted = false;
    const stop = await changes.watch('job-3', () => restarted && afterRestart.onChange());

    await server.kill();
    await server.restart();
    restarted = true;
    await waitUntil(() => afterRestart.seen() === 1);
    await probe.publish(`${PREFIX}changed:job-3`, 'running');

    await afterRestart.done;
    stop();
  });

  it('closes during its ready check as Redis comes back without an unhandled rejection', async () => {
    const stop = await changes.watch('job-4', () => undefined);

    const rejections = await unhandledRejectionsDuring(() => restartAndCloseDuringReadyCheck(server, 'forgesyte-job-changes', () => changes.close()));

    expect(rejections).toEqual([]);
    stop();
  });

  it('refuses to watch once closed, as STORE_UNAVAILABLE', async () => {
    await changes.close();

    await expect(changes.watch('job-2', () => undefined)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
