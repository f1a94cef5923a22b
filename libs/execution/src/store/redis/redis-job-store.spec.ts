import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisJobStore } from './redis-job-store';
import { describeJobStoreContract } from '../../testing/job-store-contract';
import { describeJobRetentionContract } from '../../testing/job-retention-contract';
import { finish, job } from '../../testing/job-records';
import { freeLoopbackPort, type RedisServer, startRedisServer } from '../../testing/redis-server';

let server: RedisServer | undefined;
let prefixes = 0;
const newPrefix = () => `test-${(prefixes += 1)}:`;
const url = () => {
  if (server === undefined) throw new Error('redis-server did not start: see the error of beforeAll');
  return server.url;
};

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await server?.stop();
});

describeJobStoreContract('redis', async () => {
  const store = await RedisJobStore.connect(url(), { keyPrefix: newPrefix() });
  return { store, close: () => store.close() };
});

describeJobRetentionContract('redis', async () => RedisJobStore.connect(url(), { keyPrefix: newPrefix(), pruneBatchSize: 2 }));

describe(RedisJobStore.name, () => {
  let prefix: string;
  let store: RedisJobStore;
  let admin: Redis;

  beforeEach(async () => {
    prefix = newPrefix();
    store = await RedisJobStore.connect(url(), { keyPrefix: prefix });
    admin = new Redis(url());
    // Connected before any test: quitting a client still connecting leaves an ioredis timer behind.
    await admin.ping();
  });

  afterEach(async () => {
    await store.close();
    await admin.quit();
  });

  describe('keys', () => {
    it('keeps a job in the keys its layout describes, all under its prefix', async () => {
      const { id } = await store.insert(job({ owner: 'key:a', plugin: 'echo', idempotencyKey: 'k' }));
      await finish(store, id);
      const lists = ['key%3Aa', '*'].flatMap((owner) => ['echo', '*'].flatMap((plugin) => ['success', '*'].map((status) => `list:o:${owner}:p:${plugin}:s:${status}`)));

      const keys = await admin.keys(`${prefix}*`);

      expect(keys.sort()).toEqual([`job:${id}`, 'seq', 'idem:key%3Aa:k', 'finished', ...lists].map((key) => `${prefix}${key}`).sort());
    });

    it('leaves no key of a job behind once it is pruned', async () => {
      const { id } = await store.insert(job({ owner: 'key:a', idempotencyKey: 'k' }));
      await finish(store, id);

      await store.prune({ maxJobs: 0 });

      expect(await admin.keys(`${prefix}*`)).toEqual([`${prefix}seq`]);
    });

    it('keeps stores with different prefixes apart', async () => {
      const other = await RedisJobStore.connect(url(), { keyPrefix: newPrefix() });
      try {
        const mine = await store.insert(job({ idempotencyKey: 'k' }));
        const theirs = await other.insert(job({ idempotencyKey: 'k' }));

        expect(theirs.id).not.toBe(mine.id);
        expect((await store.list({ limit: 10 })).jobs.map((listed) => listed.id)).toEqual([mine.id]);
        expect(await other.get(mine.id)).toBeUndefined();
      } finally {
        await other.close();
      }
    });

    it('keeps owners and plugins apart whose names contain the separators of its keys', async () => {
      const names = ['a', 'a:b', 'a%3Ab', '*', 'a:p:*', ''];
      const byOwner = new Map<string, string>();
      for (const name of names) byOwner.set(name, (await store.insert(job({ owner: name, plugin: name }))).id);

      for (const name of names) {
        expect((await store.list({ owner: name, limit: 10 })).jobs.map((listed) => listed.id)).toEqual([byOwner.get(name)]);
        expect((await store.list({ owner: name, plugin: name, limit: 10 })).jobs.map((listed) => listed.id)).toEqual([byOwner.get(name)]);
      }
      expect((await store.list({ limit: 10 })).jobs).toHaveLength(names.length);
    });

    it('refuses a second job with an id it already holds', async () => {
      const stored = await store.insert(job());

      await expect(store.insert({ ...job(), id: stored.id })).rejects.toThrow(`job ${stored.id} already exists`);
      expect(await store.get(stored.id)).toEqual(stored);
    });
  });

  describe('connection', () => {
    it('keeps working after the server dropped its connection', async () => {
      const { id } = await store.insert(job());
      await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');

      await expect(store.transition(id, ['pending'], 'running')).resolves.toMatchObject({ status: 'running' });
    });

    it('keeps working after the server forgot its scripts', async () => {
      const { id } = await store.insert(job());
      await admin.script('FLUSH');

      await expect(store.transition(id, ['pending'], 'running')).resolves.toMatchObject({ status: 'running' });
      await expect(store.list({ status: 'running', limit: 10 })).resolves.toMatchObject({ jobs: [{ id }] });
    });

    it('runs a command sent on its connection after an insert was called after that insert, even once the server forgot its scripts', async () => {
      await admin.script('FLUSH');
      const candidate = job();

      const inserting = store.insert(candidate);
      const seenBehindIt = store.connection.hget(`${prefix}job:${candidate.id}`, 'status');

      expect(await seenBehindIt).toBe('pending');
      await expect(inserting).resolves.toEqual(candidate);
    });

    it('refuses to connect to a server that is not there, naming it without its password', async () => {
      const port = await freeLoopbackPort();

      const connecting = RedisJobStore.connect(`redis://:secret@127.0.0.1:${port}`, { connectTimeoutMs: 1_000 });

      await expect(connecting).rejects.toThrow(`cannot reach Redis at redis://:***@127.0.0.1:${port}`);
      await expect(connecting).rejects.toThrow(/ECONNREFUSED.*Start Redis there, or point REDIS_URL/);
      await expect(connecting).rejects.not.toThrow(/secret/);
    });

    it('answers STORE_UNAVAILABLE within its command timeout while the server hangs, and works again once it wakes', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const quick = await RedisJobStore.connect(url(), { keyPrefix: prefix, commandTimeoutMs: 200 });
      const kept = await quick.insert(job());
      server?.pause();
      try {
        const started = performance.now();
        await expect(quick.get(kept.id)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true, operation: 'read' });
        await expect(quick.insert(job())).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', operation: 'write' });
        expect(performance.now() - started).toBeLessThan(2_000);
      } finally {
        server?.resume();
      }
      await expect(quick.get(kept.id)).resolves.toEqual(kept);
      expect(logged).toHaveBeenCalledWith(`read of job ${kept.id} failed in Redis (Command timed out). Check that Redis at REDIS_URL is up and answering.`);
      logged.mockRestore();
      await quick.close();
    });

    it('refuses args too deep to serialize with a non-retryable REQUEST_INVALID, storing nothing', async () => {
      let deep: unknown = [];
      for (let level = 0; level < 1_000_000; level += 1) deep = [deep];
      const refused = job({ args: deep });

      await expect(store.insert(refused)).rejects.toMatchObject({ code: 'REQUEST_INVALID', retryable: false, details: { field: 'args' } });
      await expect(store.get(refused.id)).resolves.toBeUndefined();
    });

    it('lets a closed store be closed again', async () => {
      await store.close();

      await expect(store.close()).resolves.toBeUndefined();
    });

    it.each([
      [{ keyPrefix: '' }, /keyPrefix must be a non-empty string/],
      [{ pruneBatchSize: 0 }, /pruneBatchSize must be a positive integer/],
      [{ connectTimeoutMs: -5 }, /connectTimeoutMs must be a positive integer/],
    ])('refuses the option %o, naming it', async (options, message) => {
      await expect(RedisJobStore.connect(url(), options)).rejects.toThrow(message);
    });
  });
});
